// The simulated Kubernetes API of a GCE cluster: instances a kopsx cluster owns boot as its nodes, and the
// cluster's static API address is a real listener that answers once a forwarding rule uses it.
import type {protos} from '@google-cloud/compute';
import type {CoreV1Api} from '@kubernetes/client-node';
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type GceState} from '../src/index.js';
import {rejectionOf} from './clients.js';
import {computeClients, gceState, PROJECT, succeeded, type ComputeClients} from './gce-clients.js';
import {
  clientCertificate,
  firstControlPlaneUserData,
  kubernetesClients,
  opensslCa,
  workerUserData,
  type PemPair,
} from './kubernetes-fixtures.js';

const CLUSTER = 'gce.example.com';
const OWNED = `Managed by kopsx for cluster ${CLUSTER}`;
const BOOT_DELAY_MS = 1000;
const project = PROJECT;
const region = 'us-central1';

let ca: PemPair;
let admin: PemPair;
let sim: CloudSim;
let c: ComputeClients;
let gce: GceState;
let clock: number;

beforeAll(async () => {
  ca = opensslCa('kubernetes');
  admin = await clientCertificate(ca);
});

beforeEach(async () => {
  sim = await startCloudSim({kubernetes: {nodeBootDelayMs: BOOT_DELAY_MS}});
  c = computeClients(sim);
  gce = gceState(sim);
  clock = Date.now();
  // Instances run at once; only the test moves the clock, so nodes boot when it says.
  gce.configure({now: () => clock, operationDelayMs: 0, instanceStartMs: 0});
  gce.seed.network({name: 'cluster'});
  gce.seed.subnetwork({name: 'nodes', network: 'cluster', region, ipCidrRange: '10.0.0.0/24'});
});

afterEach(async () => {
  await c.close();
  await sim.close();
});

type Metadata = protos.google.cloud.compute.v1.IItems[];

/** An instance as the kopsx GCE provider's instance templates make them. */
async function launch(name: string, zone: string, items: Metadata, labels: Record<string, string>, description = OWNED): Promise<void> {
  await succeeded(c, await c.instances.insert({project, zone, instanceResource: {
    name,
    description,
    machineType: `zones/${zone}/machineTypes/e2-standard-2`,
    disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: 'projects/debian-cloud/global/images/family/debian-12'}}],
    networkInterfaces: [{subnetwork: `regions/${region}/subnetworks/nodes`}],
    metadata: {items},
    labels,
  }}));
}

/** The cluster's API address, a forwarding rule on it when `forwarded`; resolves with the address as reported. */
async function apiAddress(options: {readonly forwarded: boolean}): Promise<string> {
  await succeeded(c, await c.addresses.insert({project, region, addressResource: {name: 'api', description: OWNED}}));
  const [address] = await c.addresses.get({project, region, address: 'api'});
  if (options.forwarded) {
    await succeeded(c, await c.targetPools.insert({project, region, targetPoolResource: {name: 'api', description: OWNED}}));
    await succeeded(c, await c.forwardingRules.insert({project, region, forwardingRuleResource: {
      name: 'api', description: OWNED, IPAddress: address.address, IPProtocol: 'TCP', ports: ['443'], target: `regions/${region}/targetPools/api`,
    }}));
  }
  return address.address ?? '';
}

/** A first control plane (gzipped, base64 user-data) and a worker (plain text), as the provider writes them. */
async function bootCluster(): Promise<void> {
  const init = firstControlPlaneUserData(ca, {}).toString('base64');
  await launch('control-plane-a-x1', `${region}-a`, [{key: 'user-data', value: init}, {key: 'user-data-encoding', value: 'base64'}], {
    'kopsx-k8s-io-role': 'control-plane', 'kopsx-k8s-io-instance-group': 'control-plane-us-central1-a',
  });
  await launch('nodes-b-y2', `${region}-b`, [{key: 'user-data', value: workerUserData()}], {
    'kopsx-k8s-io-role': 'node', 'kopsx-k8s-io-instance-group': 'nodes-us-central1-b',
  });
}

/** A connection the front end accepted and closed at once (no backend answers). */
const CLOSED = /socket disconnected|ECONNRESET|socket hang up/;

const listNodeNames = async (core: CoreV1Api) => (await core.listNode()).items.map((node) => node.metadata?.name).sort();

describe('the Kubernetes API of a GCE cluster', () => {
  it('answers on the forwarded API address, with the owned instances as nodes named, placed and typed as on GCE', async () => {
    const address = await apiAddress({forwarded: true});
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const [rule] = await c.forwardingRules.get({project, region, forwardingRule: 'api'});
    expect(rule.IPAddress).toBe(address);
    await bootCluster();
    await launch('someone-else', `${region}-a`, [{key: 'user-data', value: workerUserData()}], {}, 'Managed by kopsx for cluster other.example.com');
    const {core} = kubernetesClients(address, ca.certPem, admin);

    expect((await rejectionOf(core.listNode())).message).toMatch(CLOSED);
    clock += 2 * BOOT_DELAY_MS;
    expect(await listNodeNames(core)).toEqual(['control-plane-a-x1', 'nodes-b-y2']);
    const node = await core.readNode({name: 'nodes-b-y2'});
    const [instance] = await c.instances.get({project, zone: `${region}-b`, instance: 'nodes-b-y2'});
    expect(node.metadata?.labels).toMatchObject({
      'topology.kubernetes.io/zone': `${region}-b`,
      'topology.kubernetes.io/region': region,
      'node.kubernetes.io/instance-type': 'e2-standard-2',
      'kops.k8s.io/instancegroup': 'nodes-us-central1-b',
    });
    expect(node.spec?.providerID).toBe(`gce://${project}/${region}-b/nodes-b-y2`);
    expect(node.status?.addresses).toContainEqual({type: 'InternalIP', address: instance.networkInterfaces?.[0]?.networkIP});
    expect(sim.resources().filter((r) => r.cloud === 'kubernetes').map((r) => r.id).sort()).toEqual([
      `${CLUSTER}/control-plane-a-x1`, `${CLUSTER}/nodes-b-y2`,
    ]);
  });

  it('closes connections to an address no forwarding rule uses, and the port once the address is deleted', async () => {
    const address = await apiAddress({forwarded: false});
    await bootCluster();
    clock += 2 * BOOT_DELAY_MS;
    const {core} = kubernetesClients(address, ca.certPem, admin);
    expect((await rejectionOf(core.listNode())).message).toMatch(CLOSED);

    await succeeded(c, await c.addresses.delete({project, region, address: 'api'}));
    expect((await rejectionOf(core.listNode())).message).toMatch(/ECONNREFUSED/);
  });

  it('drops the node of a deleted instance', async () => {
    const address = await apiAddress({forwarded: true});
    await bootCluster();
    clock += 2 * BOOT_DELAY_MS;
    const {core} = kubernetesClients(address, ca.certPem, admin);
    await succeeded(c, await c.instances.delete({project, zone: `${region}-b`, instance: 'nodes-b-y2'}));
    expect(await listNodeNames(core)).toEqual(['control-plane-a-x1']);
  });

  it('gives addresses that no kopsx cluster owns an IP, as before', async () => {
    await succeeded(c, await c.addresses.insert({project, region, addressResource: {name: 'plain', description: 'hand-made'}}));
    const [address] = await c.addresses.get({project, region, address: 'plain'});
    expect(address.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});
