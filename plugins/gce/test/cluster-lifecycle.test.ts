import type {Plan} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {clusterSlug, gceName} from '../src/names.js';
import {userDataOf} from '../src/resources/user-data-metadata.js';
import {openClusterStore} from './cluster-store.js';
import type {ClusterStore} from './cluster-store.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

function describeChanges(plan: Plan): string[] {
  return plan.changes.map((c) => `${c.action} ${c.key}${c.fieldChanges.length && c.action !== 'create' ? ` ${c.fieldChanges.map((f) => f.field).join(',')}` : ''}`);
}

describe('a whole cluster on the simulator, through core\'s cluster operations', () => {
  let fx: SimFixture;
  let clusters: ClusterStore;
  beforeAll(async () => {
    fx = await startSimFixture();
    clusters = await openClusterStore(fx);
    await fx.dns.createZone('example-com', {dnsName: 'example.com.', description: 'lifecycle test'});
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** The user-data of each instance template, as instances receive it, by template name. */
  async function userDataByTemplate(): Promise<Map<string, string>> {
    const [templates] = await fx.compute.instanceTemplates.list({project: fx.project});
    return new Map(templates.map((t) => [t.name ?? '', userDataOf(t.properties?.metadata?.items ?? []) ?? '']));
  }

  /**
   * What the simulator holds that is named for the cluster: every name kopsx gives (and those of the instances and
   * disks its groups make) ends with the cluster's hash; service accounts and DNS records name the cluster.
   */
  function clusterResources(name: string): string[] {
    const hash = clusterSlug(name).slice(-4);
    return fx.sim
      .resources()
      .filter((r) => r.id.includes(`-${hash}`) || (r.name ?? '').includes(name))
      .map((r) => `${r.kind} ${r.id}`);
  }

  it('creates, converges, changes and deletes a private cluster, leaving other resources alone', async () => {
    const name = 'life.example.com';
    const description = `Managed by kopsx for cluster ${name}`;
    fx.gce.seed.network({name: 'other-cluster', description: 'Managed by kopsx for cluster other.example.com'});
    fx.gce.seed.subnetwork({name: 'other', network: 'other-cluster', region: 'us-central1', ipCidrRange: '10.5.0.0/24'});
    fx.gce.seed.instance({name: 'stray', zone: 'us-central1-a', subnetwork: 'other'});
    // Labelled for the cluster by someone else, without the cluster's description: never the cluster's.
    fx.gce.seed.disk({name: 'look-alike', zone: 'us-central1-a', labels: {'kopsx-k8s-io-cluster-name': clusterSlug(name)}});
    const foreign = fx.sim.resources().map((r) => r.id);

    const bundle = await clusters.create({name, dnsZone: 'example.com', zones: ['us-central1-a', 'us-central1-b'], topology: 'private', bastion: true});
    const first = await clusters.plan(name);
    expect(first.changes.length).toBe(first.desired.filter((r) => r.lifecycle !== 'shared').length);
    expect(first.changes.every((c) => c.action === 'create')).toBe(true);
    const template = first.changes.find((c) => c.kind === 'instance-template');
    expect(template?.fieldChanges.find((f) => f.field === 'userData')).toMatchObject({sensitive: true});
    await clusters.update(name);

    // Every machine gets core's cloud-config: the first control plane's with the CA keys, all joining api.internal.
    const userData = await userDataByTemplate();
    const controlPlane = [...userData].find(([template]) => template.startsWith(gceName('control-plane-us-central1-a', name)))?.[1];
    expect(controlPlane).toMatch(/^#cloud-config\n/);
    expect(controlPlane).toContain('BEGIN PRIVATE KEY');
    expect(controlPlane).toContain(`api.internal.${name}`);
    const [records] = await fx.dns.zone('example-com').getRecords({autoPaginate: true});
    const [address] = await fx.compute.addresses.get({project: fx.project, region: 'us-central1', address: gceName('api', name)});
    const aRecords = records.filter((r) => r.metadata.type === 'A').map((r) => [r.metadata.name, r.metadata.rrdatas]);
    expect(aRecords.sort()).toEqual([
      [`api.internal.${name}.`, [address.address]],
      [`api.${name}.`, [address.address]],
    ]);
    const [instances] = await fx.compute.instances.list({project: fx.project, zone: 'us-central1-b'});
    expect(instances.filter((i) => i.description === description).map((i) => i.labels?.['kopsx-k8s-io-instance-group']).sort()).toEqual(['nodes-us-central1-b']);
    expect(describeChanges(await clusters.plan(name))).toEqual([]);

    const nodes = bundle.instanceGroups.find((g) => g.metadata.name === 'nodes-us-central1-b');
    if (!nodes) throw new Error('no nodes-us-central1-b group');
    nodes.spec = {...nodes.spec, minSize: 2, maxSize: 2, machineType: 'e2-standard-2'};
    await clusters.replace(bundle);
    const templateKey = `instance-template/${gceName('nodes-us-central1-b', name)}`;
    expect(describeChanges(await clusters.plan(name))).toEqual([
      `replace ${templateKey} machineType`,
      `update instance-group-manager/${gceName('b-nodes-us-central1-b', name)} instanceTemplate,targetSize`,
    ]);
    await clusters.update(name);
    expect(describeChanges(await clusters.plan(name))).toEqual([]);
    // The old template is gone once its group moved to the new one.
    expect([...(await userDataByTemplate()).keys()].filter((t) => t.startsWith(gceName('nodes-us-central1-b', name)))).toHaveLength(1);
    // The running instance keeps its machine until a rolling update replaces it; the one added runs the new template.
    const groups = await (await fx.connect(bundle)).instanceGroups?.list();
    const changed = groups?.find((g) => g.name === 'nodes-us-central1-b');
    expect(changed?.desiredSize).toBe(2);
    expect(changed?.instances.map((i) => i.needsUpdate).sort()).toEqual([false, true]);
    expect(groups?.find((g) => g.name === 'nodes-us-central1-a')?.instances.map((i) => i.needsUpdate)).toEqual([false]);

    await clusters.delete(name);
    expect(clusterResources(name)).toEqual([]);
    expect(fx.sim.resources().map((r) => r.id)).toEqual(expect.arrayContaining(foreign));
  }, 120_000);

  it('runs a gossip cluster without a single Cloud DNS call, its machines joining the load balancer\'s address', async () => {
    const name = 'quiet.k8s.local';
    const before = fx.sim.requests().length;
    await clusters.create({name});
    await clusters.update(name);
    expect(describeChanges(await clusters.plan(name))).toEqual([]);

    const [address] = await fx.compute.addresses.get({project: fx.project, region: 'us-central1', address: gceName('api', name)});
    const nodes = [...(await userDataByTemplate())].find(([template]) => template.startsWith(gceName('nodes-us-central1-a', name)))?.[1];
    expect(nodes).toContain(`https://${address.address}:443`);

    await clusters.delete(name);
    const calls = fx.sim.requests().slice(before);
    expect(calls.length).toBeGreaterThan(40);
    expect(calls.filter((c) => c.service === 'clouddns')).toEqual([]);
    expect(clusterResources(name)).toEqual([]);
  }, 120_000);
});
