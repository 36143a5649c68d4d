import {startCloudSim} from '@kopsx/cloudsim';
import * as compute from '@google-cloud/compute';
const sim = await startCloudSim({config: {}});
const authClient = {universeDomain: 'googleapis.com', getRequestHeaders: async () => new Headers(), fetch: (u, i) => fetch(u, i)};
const opts = {apiEndpoint: '127.0.0.1', port: sim.port, protocol: 'http', fallback: true, authClient, projectId: 'kopsx-sim'};
const networks = new compute.NetworksClient(opts);
const subnets = new compute.SubnetworksClient(opts);
const gops = new compute.GlobalOperationsClient(opts);
try { await networks.get({project: 'kopsx-sim', network: 'nope'}); } catch (e) { console.log('404', e.constructor.name, e.code, e.message, Object.keys(e), e.reason, JSON.stringify(e)); }
const [op] = await networks.insert({project: 'kopsx-sim', networkResource: {name: 'n1', autoCreateSubnetworks: false, description: 'hello'}});
console.log('op', op.constructor?.name, Object.keys(op), op.latestResponse, op.name);
const [done] = await gops.wait({project: 'kopsx-sim', operation: op.latestResponse.name});
console.log('done', done.status, done.targetLink);
try { await networks.insert({project: 'kopsx-sim', networkResource: {name: 'n1', autoCreateSubnetworks: false}}); } catch (e) { console.log('409', e.code, e.message, e.reason, e.errors, JSON.stringify(e)); }
await subnets.insert({project: 'kopsx-sim', region: 'us-central1', subnetworkResource: {name: 's1', network: 'global/networks/n1', ipCidrRange: '10.0.0.0/24'}});
try { await networks.delete({project: 'kopsx-sim', network: 'n1'}); } catch (e) { console.log('inuse', e.code, e.message, e.reason, JSON.stringify(e)); }
sim.configure({throttleRate: 1});
try { await networks.list({project: 'kopsx-sim'}); } catch (e) { console.log('429', e.code, e.message, e.reason, JSON.stringify(e)); }
sim.configure({throttleRate: 0, faultAtCall: 1});
try { await networks.insert({project: 'kopsx-sim', networkResource: {name: 'n2'}}); } catch (e) { console.log('500', e.code, e.message, e.reason, JSON.stringify(e)); }
const [list, req, resp] = await networks.list({project: 'kopsx-sim', filter: 'description = "hello"', maxResults: 1}, {autoPaginate: false});
console.log(list.map(n => n.name), req, resp?.nextPageToken);
const [all] = await networks.list({project: 'kopsx-sim'});
console.log('all', all.map(n=>n.name));
await networks.close(); await subnets.close(); await gops.close();
await sim.close();
