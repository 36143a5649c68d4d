import {buildCluster, completeCluster} from '@kopsx/core';
import type {ClusterBundle, ResolvedResource} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {gceName} from '../src/names.js';
import {HandlerHarness, differences} from './handler-harness.js';
import {SSH_KEY, testInputs} from './model-inputs.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

interface Case {
  /** The name of the resource under test, from the cluster's name. */
  readonly name: (cluster: string) => string;
  /** A change the handler makes in place; cases without one only create and delete. */
  readonly update?: (desired: ResolvedResource) => ResolvedResource;
}

const withProperties = (properties: Record<string, unknown>) => (desired: ResolvedResource): ResolvedResource => ({
  ...desired,
  properties: {...desired.properties, ...properties} as ResolvedResource['properties'],
});
const withLabel = (desired: ResolvedResource): ResolvedResource =>
  withProperties({labels: {...(desired.properties.labels as Record<string, string>), team: 'platform'}})(desired);
const named = (prefix: string, max?: number) => (cluster: string) => gceName(prefix, cluster, max);

const CASES: Readonly<Record<string, Case>> = {
  network: {name: named('network'), update: withProperties({routingMode: 'GLOBAL'})},
  subnetwork: {name: named('us-central1-a'), update: withProperties({privateIpGoogleAccess: false})},
  firewall: {name: named('ssh-external'), update: withProperties({sourceRanges: ['10.0.0.0/8', '192.168.0.0/16']})},
  router: {name: named('nat')},
  'router-nat': {name: named('nat'), update: withProperties({sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES', subnetworks: []})},
  'service-account': {name: named('node', 30)},
  'instance-template': {name: named('nodes-us-central1-a')},
  'instance-group-manager': {name: named('a-nodes-us-central1-a'), update: withProperties({targetSize: 2})},
  disk: {name: named('a-etcd-main'), update: (d) => withLabel(withProperties({sizeGb: 40})(d))},
  address: {name: named('api'), update: withLabel},
  'health-check': {name: named('api'), update: withProperties({requestPath: '/readyz'})},
  'backend-service': {name: named('api'), update: withProperties({backends: []})},
  'forwarding-rule': {name: named('api'), update: withLabel},
  'dns-record': {name: (cluster) => `api.${cluster}`, update: withProperties({rrdatas: ['10.9.9.9']})},
};

function privateCluster(clusterName: string): ClusterBundle {
  return completeCluster(buildCluster({name: clusterName, cloud: 'gce', zones: ['us-central1-a'], topology: 'private', bastion: true, dnsZone: 'example.com'}));
}

describe('each handler against the simulator', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
    await fx.dns.createZone('example-com', {dnsName: 'example.com.', description: 'handlers test'});
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function harnessFor(clusterName: string): Promise<HandlerHarness> {
    const bundle = privateCluster(clusterName);
    const model = provider.buildModel(bundle, testInputs({sshPublicKey: SSH_KEY})).resources;
    return new HandlerHarness(fx, await fx.connect(bundle), clusterName, model);
  }

  it('covers every kind the model uses, but the shared zone lookup', () => {
    const kinds = new Set(provider.buildModel(privateCluster('kinds.example.com'), testInputs()).resources.map((r) => r.kind));
    expect([...kinds].filter((kind) => kind !== 'dns-zone').sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s: create → listed unchanged → update → delete → gone', async (kind, {name, update}) => {
    // A cluster per kind keeps the cases apart: everything is found by the cluster's description or labels.
    const clusterName = `t-${kind}.example.com`;
    const harness = await harnessFor(clusterName);
    const key = `${kind}/${name(clusterName)}`;
    const handler = harness.handler(kind);

    const created = await harness.ensure(key);
    const desired = harness.resolve(harness.desired(key));
    const listed = await harness.find(kind, desired.name);
    expect(listed?.id).toBe(created.id);
    if (!listed) return;
    expect(listed.lifecycle).toBe('owned');
    expect(differences(handler, desired, listed)).toEqual([]);

    let current = listed;
    if (update) {
      if (!handler.update) throw new Error(`${kind} has no update`);
      const changed = update(desired);
      const changes = differences(handler, changed, current);
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.some((c) => handler.replaceOn?.includes(c.field))).toBe(false);
      await handler.update(harness.ctx, current, changed, changes);
      const after = await harness.find(kind, desired.name);
      expect(after?.id).toBe(current.id);
      if (!after) return;
      expect(differences(handler, changed, after)).toEqual([]);
      current = after;
    }

    await handler.delete(harness.ctx, current);
    expect(await harness.find(kind, desired.name)).toBeUndefined();
    // A rerun after a crash may delete again: that must not fail.
    await handler.delete(harness.ctx, current);
  });

  it('makes each version of an instance template under its own name, and lists the newest under the group\'s', async () => {
    const clusterName = 'versions.example.com';
    const harness = await harnessFor(clusterName);
    const key = `instance-template/${gceName('nodes-us-central1-a', clusterName)}`;
    const first = await harness.ensure(key);
    const handler = harness.handler('instance-template');
    expect(handler.update).toBeUndefined();
    const bigger = withProperties({machineType: 'e2-standard-4'})(harness.resolve(harness.desired(key)));
    const second = await handler.create(harness.ctx, bigger);
    expect(second.attributes.name).not.toBe(first.attributes.name);
    expect(second.attributes.name).toMatch(new RegExp(`^${gceName('nodes-us-central1-a', clusterName)}-[a-z0-9]{6}$`));

    const listed = (await harness.list('instance-template')).filter((t) => t.name === bigger.name);
    expect(listed.map((t) => [t.id, t.properties.machineType])).toEqual([
      [second.id, 'e2-standard-4'],
      [first.id, 'e2-medium'],
    ]);
    // Creating the same content again (a retried create whose answer was lost) takes over what exists.
    expect((await handler.create(harness.ctx, bigger)).id).toBe(second.id);
  });

  it('keeps user-data over Google\'s 256 KiB limit as gzip, reads it back as text, and marks it sensitive', async () => {
    const clusterName = 'big.example.com';
    const harness = await harnessFor(clusterName);
    const handler = harness.handler('instance-template');
    expect(handler.sensitive).toEqual(['userData']);
    const key = `instance-template/${gceName('control-plane-us-central1-a', clusterName)}`;
    await harness.ensure(key);
    const document = `#cloud-config\nwrite_files:\n${Array.from({length: 3000}, (_, i) => `- path: /etc/kopsx/file-${i}\n  content: ${'x'.repeat(80)}\n`).join('')}`;
    expect(Buffer.byteLength(document)).toBeGreaterThan(256 * 1024);
    const big = withProperties({userData: document})(harness.resolve(harness.desired(key)));
    const created = await handler.create(harness.ctx, big);

    const [template] = await fx.compute.instanceTemplates.get({project: fx.project, instanceTemplate: created.attributes.name ?? ''});
    const items = template.properties?.metadata?.items ?? [];
    expect(items.find((item) => item.key === 'user-data-encoding')?.value).toBe('base64');
    expect((items.find((item) => item.key === 'user-data')?.value ?? '').length).toBeLessThan(256 * 1024);
    const listed = (await harness.list('instance-template')).find((t) => t.id === created.id);
    if (!listed) throw new Error('the template is not listed');
    expect(differences(handler, big, listed)).toEqual([]);
  });

  it('refuses to take over a resource whose name is the cluster\'s but that is not the cluster\'s', async () => {
    const clusterName = 'squatted.example.com';
    const harness = await harnessFor(clusterName);
    const name = gceName('network', clusterName);
    fx.gce.seed.network({name});
    await expect(harness.ensure(`network/${name}`)).rejects.toThrow(/exists and is not cluster squatted\.example\.com's/);
    expect(await harness.find('network', name)).toBeUndefined();
  });
});
