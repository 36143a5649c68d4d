import type {DNS, GetZonesRequest} from '@google-cloud/dns';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, dnsClient, gceState, PROJECT} from './gce-clients.js';

let sim: CloudSim;

beforeEach(async () => {
  sim = await startCloudSim();
});

afterEach(async () => {
  await sim.close();
});

describe('Cloud DNS', () => {
  let dns: DNS;

  beforeEach(() => {
    dns = dnsClient(sim);
  });

  it('creates a zone with its SOA and NS records and four name servers, then adds, lists and replaces records', async () => {
    const [zone] = await dns.createZone('example-com', {dnsName: 'example.com.'});
    expect(zone.metadata).toMatchObject({name: 'example-com', dnsName: 'example.com.', visibility: 'public', kind: 'dns#managedZone'});
    expect(zone.metadata.nameServers).toHaveLength(4);

    const api = zone.record('a', {name: 'api.a.example.com.', ttl: 60, data: ['203.0.113.10']});
    const [change] = await zone.addRecords(api);
    expect(change.metadata).toMatchObject({kind: 'dns#change', id: '1', additions: [{name: 'api.a.example.com.', type: 'A', rrdatas: ['203.0.113.10']}]});

    const [records] = await zone.getRecords();
    expect(records.map((record) => `${record.metadata.name} ${record.type}`)).toEqual([
      'api.a.example.com. A', 'example.com. NS', 'example.com. SOA',
    ]);

    const replacement = zone.record('a', {name: 'api.a.example.com.', ttl: 60, data: ['203.0.113.11']});
    await zone.replaceRecords('a', replacement);
    const [[only]] = await zone.getRecords({name: 'api.a.example.com.', type: 'A'});
    expect(only?.data).toEqual(['203.0.113.11']);
  });

  it('refuses an existing record (409), a missing deletion (404), a mismatched one (412) and a name outside the zone (400)', async () => {
    const [zone] = await dns.createZone('example-com', {dnsName: 'example.com.'});
    const record = zone.record('a', {name: 'api.example.com.', ttl: 60, data: '203.0.113.10'});
    await zone.addRecords(record);
    const duplicate = await rejectionOf(zone.addRecords(record));
    expect(duplicate.code).toBe(409);
    expect(duplicate.message).toContain("named 'api.example.com. (A)' already exists");

    const missing = await rejectionOf(zone.deleteRecords(zone.record('a', {name: 'www.example.com.', ttl: 60, data: '203.0.113.1'})));
    expect(missing.code).toBe(404);
    const mismatch = await rejectionOf(zone.deleteRecords(zone.record('a', {name: 'api.example.com.', ttl: 300, data: '203.0.113.10'})));
    expect(mismatch.code).toBe(412);
    const outside = await rejectionOf(zone.addRecords(zone.record('a', {name: 'api.example.org.', ttl: 60, data: '203.0.113.10'})));
    expect(outside.code).toBe(400);
  });

  it('deletes a zone only once its own records are gone, and lists zones by dnsName', async () => {
    const [zone] = await dns.createZone('example-com', {dnsName: 'example.com.'});
    await dns.createZone('example-org', {dnsName: 'example.org.'});
    await zone.addRecords(zone.record('txt', {name: 'owner.example.com.', ttl: 300, data: '"a"'}));
    const notEmpty = await rejectionOf(zone.delete());
    expect(notEmpty.code).toBe(400);
    expect(notEmpty.message).toContain('is not empty');

    // The client's request type leaves out the API's dnsName filter, but passes it on.
    const byDnsName: GetZonesRequest & {readonly dnsName: string} = {dnsName: 'example.com.'};
    const [zones] = await dns.getZones(byDnsName);
    expect(zones.map((found) => found.name)).toEqual(['example-com']);
    expect(sim.resources().filter((resource) => resource.cloud === 'gce').map((resource) => resource.kind).sort()).toEqual([
      'dns:managedZone', 'dns:managedZone', 'dns:resourceRecordSet',
    ]);

    await zone.deleteRecords(zone.record('txt', {name: 'owner.example.com.', ttl: 300, data: '"a"'}));
    await zone.delete();
    const missing = await rejectionOf(dns.zone('example-com').get());
    expect(missing.code).toBe(404);
  });
});

describe('IAM service accounts', () => {
  const accounts = () => `${sim.endpoint}/v1/projects/${PROJECT}/serviceAccounts`;
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {...init, headers: {'content-type': 'application/json'}});
    return {status: response.status, body: await response.json() as Record<string, unknown>};
  };
  const create = (accountId: string) => call(accounts(), {method: 'POST', body: JSON.stringify({accountId, serviceAccount: {displayName: `kopsx ${accountId}`}})});

  it('creates, gets, lists page by page and deletes service accounts', async () => {
    const created = await create('control-plane-a');
    expect(created).toMatchObject({status: 200, body: {
      name: `projects/${PROJECT}/serviceAccounts/control-plane-a@${PROJECT}.iam.gserviceaccount.com`,
      email: `control-plane-a@${PROJECT}.iam.gserviceaccount.com`,
      projectId: PROJECT,
      displayName: 'kopsx control-plane-a',
    }});
    expect(created.body.uniqueId).toMatch(/^\d{21}$/);
    await create('node-a-example');
    await create('node-b-example');

    const byId = await call(`${sim.endpoint}/v1/projects/-/serviceAccounts/${String(created.body.uniqueId)}`);
    expect(byId.body.email).toBe(created.body.email);
    const first = await call(`${accounts()}?pageSize=2`);
    expect((first.body.accounts as unknown[]).length).toBe(2);
    const second = await call(`${accounts()}?pageSize=2&pageToken=${String(first.body.nextPageToken)}`);
    expect((second.body.accounts as {email: string}[]).map((account) => account.email)).toEqual([`node-b-example@${PROJECT}.iam.gserviceaccount.com`]);

    expect((await call(`${accounts()}/${String(created.body.email)}`, {method: 'DELETE'})).status).toBe(200);
    expect(await call(`${accounts()}/${String(created.body.email)}`)).toEqual({
      status: 404, body: {error: {code: 404, message: 'Unknown service account', status: 'NOT_FOUND'}},
    });
    expect(sim.requests().map((entry) => entry.action)).toContain('iam.serviceAccounts.delete');
  });

  it('refuses duplicates (409 ALREADY_EXISTS) and malformed ids (400)', async () => {
    await create('nodes-a');
    expect(await create('nodes-a')).toMatchObject({status: 409, body: {error: {status: 'ALREADY_EXISTS'}}});
    expect(await create('Bad_Id')).toMatchObject({status: 400, body: {error: {status: 'INVALID_ARGUMENT'}}});
  });

  it('lets instances run only as service accounts that exist', async () => {
    const c = computeClients(sim);
    try {
      const state = gceState(sim);
      state.configure({operationDelayMs: 0, instanceStartMs: 0});
      state.seed.network({name: 'cluster', autoCreateSubnetworks: true});
      const instance = (name: string, email: string) => c.instances.insert({project: PROJECT, zone: 'us-east1-b', instanceResource: {
        name,
        machineType: 'zones/us-east1-b/machineTypes/e2-small',
        disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: 'projects/debian-cloud/global/images/family/debian-12'}}],
        networkInterfaces: [{network: 'global/networks/cluster'}],
        serviceAccounts: [{email, scopes: ['https://www.googleapis.com/auth/cloud-platform']}],
      }});
      const missing = await rejectionOf(instance('n-1', `nodes@${PROJECT}.iam.gserviceaccount.com`));
      expect(missing.code).toBe(3);
      expect(missing.message).toContain('The service account does not exist');
      await create('nodes-sa');
      await instance('n-1', `nodes-sa@${PROJECT}.iam.gserviceaccount.com`);
      const [vm] = await c.instances.get({project: PROJECT, zone: 'us-east1-b', instance: 'n-1'});
      expect(vm.serviceAccounts?.[0]?.email).toBe(`nodes-sa@${PROJECT}.iam.gserviceaccount.com`);
      expect(vm.networkInterfaces?.[0]?.subnetwork).toContain('/regions/us-east1/subnetworks/cluster');
    } finally {
      await c.close();
    }
  });
});
