import {startCloudSim} from '@kopsx/cloudsim';
import {DNS} from '@google-cloud/dns';
const sim = await startCloudSim({config: {}});
const authClient = {universeDomain: 'googleapis.com', getRequestHeaders: async () => new Headers(), fetch: (u, i) => fetch(u, i)};
const dns = new DNS({projectId: 'kopsx-sim', authClient});
dns.baseUrl = `${sim.endpoint}/dns/v1`;
const [zone] = await dns.createZone('example-com', {dnsName: 'example.com.', description: 'x'});
const [zones] = await dns.getZones();
console.log(zones.map(z => [z.name, z.metadata.dnsName, z.metadata.visibility]));
const rec = zone.record('a', {name: 'api.c.example.com.', ttl: 60, data: ['1.2.3.4']});
const [change] = await zone.createChange({add: rec});
console.log('change', change.metadata.status);
const [records] = await zone.getRecords();
console.log(records.map(r => [r.name, r.type, r.ttl, r.data, r.metadata]));
try { await zone.createChange({add: rec}); } catch (e) { console.log('dup', e.constructor.name, e.code, e.message, e.errors, Object.keys(e)); }
try { await zone.createChange({delete: zone.record('a', {name: 'nope.example.com.', ttl: 60, data: ['1.2.3.4']})}); } catch (e) { console.log('404', e.code, e.message, e.errors); }
sim.configure({throttleRate: 1});
try { await dns.getZones(); } catch (e) { console.log('429', e.code, e.message, e.errors); }
sim.configure({throttleRate: 0});
const req = sim.requests().map(r => r.action); console.log(req);
await sim.close();
