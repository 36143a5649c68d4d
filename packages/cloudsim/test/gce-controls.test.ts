import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GceState} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, operationOf, PROJECT, succeeded, waitFor, type ComputeClients} from './gce-clients.js';

let sim: CloudSim;
let c: ComputeClients;
let state: GceState;

const project = PROJECT;
const network = (name: string) => ({project, networkResource: {name, autoCreateSubnetworks: false}});

beforeEach(async () => {
  sim = await startCloudSim();
  c = computeClients(sim);
  state = gceState(sim);
  state.configure({operationDelayMs: 10, instanceStartMs: 0});
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

describe('Compute operations', () => {
  it('report RUNNING until the delay has passed, then DONE', async () => {
    let clock = 5_000_000;
    state.configure({operationDelayMs: 300, now: () => clock});
    const started = await c.networks.insert(network('slow'));
    const operation = operationOf(started);
    expect(operation.status).toBe('RUNNING');
    const poll = async () => (await c.globalOperations.get({project, operation: operation.name ?? ''}))[0];
    expect((await poll()).status).toBe('RUNNING');
    clock += 300;
    expect(await poll()).toMatchObject({status: 'DONE', progress: 100, endTime: new Date(5_000_300).toISOString()});
    const [listed] = await c.globalOperations.list({project, filter: 'operationType = insert'});
    expect(listed.map((entry) => entry.name)).toEqual([operation.name]);
  });

  it('wait blocks until the operation is DONE', async () => {
    state.configure({operationDelayMs: 400});
    const started = await c.networks.insert(network('slow'));
    const done = await waitFor(c, started);
    expect(done.status).toBe('DONE');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(operationOf(started).insertTime ?? '') + 400);
  });

  it('answer a retried insert (same requestId) with the first operation instead of a conflict', async () => {
    const requestId = '6f6b1d2e-1b0a-4c55-9d0f-1e2a3b4c5d6e';
    const [first] = await c.networks.insert({...network('once'), requestId});
    const [second] = await c.networks.insert({...network('once'), requestId});
    expect(operationOf([second]).name).toBe(operationOf([first]).name);
    const [networks] = await c.networks.list({project});
    expect(networks.map((entry) => entry.name)).toEqual(['once']);
  });
});

describe('Compute controls', () => {
  it('answers throttled calls with 429 rateLimitExceeded, which the client surfaces as RESOURCE_EXHAUSTED (8)', async () => {
    sim.configure({throttleRate: 1});
    const throttled = await rejectionOf(c.networks.list({project}));
    expect(throttled.code).toBe(8);
    expect(throttled.message).toContain("Quota exceeded for quota metric 'Queries'");
    expect(sim.requests().at(-1)).toEqual({service: 'compute', action: 'compute.networks.list', status: 429});
  });

  it('fails the N-th mutating call once with 500 backendError; reads and waits do not count', async () => {
    sim.configure({faultAtCall: 2});
    await succeeded(c, await c.networks.insert(network('first')));
    await c.networks.list({project});
    const fault = await rejectionOf(c.networks.insert(network('second')));
    expect(fault.code).toBe(13);
    expect(fault.message).toContain('Internal error');
    await succeeded(c, await c.networks.insert(network('second')));
    expect(sim.requests().map((entry) => `${entry.action} ${entry.status}`)).toEqual([
      'compute.networks.insert 200',
      'compute.globalOperations.wait 200',
      'compute.networks.list 200',
      'compute.networks.insert 500',
      'compute.networks.insert 200',
      'compute.globalOperations.wait 200',
    ]);
  });
});

describe('Compute resources, seeding and reset', () => {
  it('lists what was created, with labels as tags, leaves out the public images, and forgets it all on reset', async () => {
    state.seed.network({name: 'other-cluster', description: 'b.example.com'});
    state.seed.subnetwork({name: 'other', network: 'other-cluster', region: 'us-east1', ipCidrRange: '10.5.0.0/24'});
    state.seed.instance({name: 'b-node', zone: 'us-east1-b', subnetwork: 'other', labels: {'k8s-io-cluster-name': 'b-example-com'}});
    state.seed.disk({name: 'unlabelled', zone: 'us-east1-b', sizeGb: 10});

    const resources = sim.resources().filter((resource) => resource.cloud === 'gce');
    expect(resources.map((resource) => `${resource.kind} ${resource.name}`).sort()).toEqual([
      'compute:disk b-node', 'compute:disk unlabelled', 'compute:instance b-node', 'compute:network other-cluster', 'compute:subnetwork other',
    ]);
    expect(resources.find((resource) => resource.kind === 'compute:instance')).toMatchObject({
      id: `projects/${PROJECT}/zones/us-east1-b/instances/b-node`,
      tags: {'k8s-io-cluster-name': 'b-example-com'},
    });
    const [seeded] = await c.instances.get({project, zone: 'us-east1-b', instance: 'b-node'});
    expect(seeded.status).toBe('RUNNING');

    sim.reset();
    expect(sim.resources().filter((resource) => resource.cloud === 'gce')).toEqual([]);
    const [image] = await c.images.getFromFamily({project: 'debian-cloud', family: 'debian-13'});
    expect(image.name).toBe('debian-13-trixie-v20251014');
  });

  it('applies the API rules to seeded resources too', () => {
    state.seed.network({name: 'cluster'});
    expect(() => state.seed.network({name: 'cluster'})).toThrow(/already exists/);
    expect(() => state.seed.subnetwork({name: 'x', network: 'missing', region: 'us-central1', ipCidrRange: '10.0.0.0/24'})).toThrow(/was not found/);
  });
});
