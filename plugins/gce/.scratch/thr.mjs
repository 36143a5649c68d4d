import {startCloudSim} from '@kopsx/cloudsim';
import * as compute from '@google-cloud/compute';
import {DNS} from '@google-cloud/dns';
const sim = await startCloudSim({config: {}});
const authClient = {universeDomain: 'googleapis.com', getRequestHeaders: async () => new Headers(), fetch: (u, i) => fetch(u, i)};
const opts = {apiEndpoint: '127.0.0.1', port: sim.port, protocol: 'http', fallback: true, authClient, projectId: 'kopsx-sim'};
const networks = new compute.NetworksClient(opts);
await networks.list({project: 'kopsx-sim'});
sim.configure({throttleRate: 1});
for (const [what, f] of [['list', () => networks.list({project: 'kopsx-sim'})], ['get', () => networks.get({project: 'kopsx-sim', network: 'x'})], ['insert', () => networks.insert({project: 'kopsx-sim', networkResource: {name: 'n'}})]]) {
  const t = Date.now();
  try { await f(); } catch (e) { console.log(what, Date.now() - t, e.code); }
}
const dns = new DNS({projectId: 'kopsx-sim', authClient, autoRetry: false});
dns.baseUrl = `${sim.endpoint}/dns/v1`; dns.interceptors.push({request(reqOpts) { reqOpts.maxRetries = 0; return reqOpts; }});
let t = Date.now();
try { await dns.getZones(); } catch (e) { console.log('dns', Date.now() - t, e.code); }
t = Date.now();
try { await fetch(`${sim.endpoint}/v1/projects/kopsx-sim/serviceAccounts`).then(r => console.log('iam status', r.status)); } catch (e) {}
console.log('iam', Date.now() - t);
console.log(sim.requests().length);
await networks.close(); await sim.close();
