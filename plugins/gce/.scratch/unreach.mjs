import * as compute from '@google-cloud/compute';
const authClient = {universeDomain: 'googleapis.com', getRequestHeaders: async () => new Headers(), fetch: (u, i) => fetch(u, i)};
const c = new compute.NetworksClient({apiEndpoint: '127.0.0.1', port: 9, protocol: 'http', fallback: true, authClient, projectId: 'p'});
try { await c.list({project: 'p'}); } catch (e) { console.log(e.constructor.name, e.name, e.code, e.message, e.cause, Object.keys(e)); }
