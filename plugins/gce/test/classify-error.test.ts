import {createServer} from 'node:net';
import type {AddressInfo} from 'node:net';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {computeClients} from '../src/compute-clients.js';
import {serviceEndpoint} from '../src/endpoint-overrides.js';
import {classifyError} from '../src/errors.js';
import {googleRest} from '../src/google-rest.js';
import {iamClient} from '../src/iam-client.js';
import type {IamClient} from '../src/iam-client.js';
import {OperationError} from '../src/operation-error.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The error a call fails with; the test fails if it succeeds. */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('classifyError on the simulator\'s real error responses', () => {
  let fx: SimFixture;
  let iam: IamClient;
  beforeAll(async () => {
    fx = await startSimFixture();
    iam = iamClient(googleRest(serviceEndpoint(fx.env, 'iam')), fx.project);
  });
  afterEach(() => {
    fx.sim.configure({throttleRate: 0, faultAtCall: 0});
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('calls a missing resource not-found, on every service', async () => {
    const {project, compute} = fx;
    const errors = [
      await failure(() => compute.networks.get({project, network: 'missing'})),
      await failure(() => compute.instanceGroupManagers.delete({project, zone: 'us-central1-a', instanceGroupManager: 'missing'})),
      await failure(() => iam.getServiceAccount(`missing@${project}.iam.gserviceaccount.com`)),
      await failure(() => fx.dns.zone('missing').getRecords()),
    ];
    expect(errors.map(classifyError)).toEqual(['not-found', 'not-found', 'not-found', 'not-found']);
  });

  it('calls "still in use" a dependency, to be retried once the user is gone', async () => {
    const {project, compute} = fx;
    fx.gce.seed.network({name: 'busy'});
    fx.gce.seed.subnetwork({name: 'busy', network: 'busy', region: 'us-central1', ipCidrRange: '10.1.0.0/24'});
    const inUse = await failure(() => compute.networks.delete({project, network: 'busy'}));
    const operation = new OperationError('delete x', 400, [{code: 'RESOURCE_IN_USE_BY_ANOTHER_RESOURCE', message: 'in use'}]);
    expect([inUse, operation].map(classifyError)).toEqual(['dependency', 'dependency']);
  });

  it('calls throttling throttled, on every service', async () => {
    fx.sim.configure({throttleRate: 1});
    const errors = [
      await failure(() => fx.compute.networks.list({project: fx.project})),
      await failure(() => iam.listServiceAccounts()),
      await failure(() => fx.dns.getZones()),
    ];
    expect(errors.map(classifyError)).toEqual(['throttled', 'throttled', 'throttled']);
  });

  it('calls server faults and unreachable endpoints transient', async () => {
    fx.sim.configure({faultAtCall: 1});
    const fault = await failure(() => fx.compute.networks.insert({project: fx.project, networkResource: {name: 'faulty', autoCreateSubnetworks: false}}));
    const closed = computeClients(serviceEndpoint({CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `http://127.0.0.1:${await closedPort()}/compute/v1/`}, 'compute'), fx.project);
    const unreachable = await failure(() => closed.networks.list({project: fx.project}));
    await closed.close();
    expect([fault, unreachable].map(classifyError)).toEqual(['transient', 'transient']);
  });

  it('calls a bad request, a taken name or an exceeded quota fatal: retrying cannot fix them', async () => {
    const {project, compute} = fx;
    fx.gce.seed.network({name: 'taken'});
    const errors = [
      await failure(() => compute.subnetworks.insert({project, region: 'us-central1', subnetworkResource: {name: 's', network: 'global/networks/taken', ipCidrRange: 'not-a-cidr'}})),
      await failure(() => compute.networks.insert({project, networkResource: {name: 'taken', autoCreateSubnetworks: false}})),
      new OperationError('insert instance', 403, [{code: 'QUOTA_EXCEEDED', message: 'Quota CPUS exceeded'}]),
      new Error('plain'),
      'not an error',
    ];
    expect(errors.map(classifyError)).toEqual(['fatal', 'fatal', 'fatal', 'fatal', 'fatal']);
  });
});
