import {buildCluster, completeCluster, isJoin, isRef, resourceKey} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions, DesiredResource, PropertyValue, Ref} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {SSH_KEY, testInputs} from '../../test/model-inputs.js';
import {gceName} from '../names.js';
import {buildModel} from './build-model.js';

function bundle(options: Partial<CreateClusterOptions> & {name: string}): ClusterBundle {
  return completeCluster(buildCluster({cloud: 'gce', zones: ['us-central1-a'], ...options}));
}

function countByKind(resources: readonly DesiredResource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

function refsIn(value: PropertyValue): Ref[] {
  if (isRef(value)) return [value];
  if (isJoin(value)) return value.$join.filter(isRef);
  if (Array.isArray(value)) return value.flatMap((item: PropertyValue) => refsIn(item));
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(refsIn);
  return [];
}

function find(resources: readonly DesiredResource[], kind: string, name: string): DesiredResource {
  const found = resources.find((r) => r.kind === kind && r.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the model`);
  return found;
}

const threeZones = ['us-central1-a', 'us-central1-b', 'us-central1-c'];

describe('buildModel', () => {
  it('models a private, highly available cluster with DNS and a bastion', () => {
    const name = 'ha.example.com';
    const {resources} = buildModel(bundle({name, zones: threeZones, controlPlaneCount: 3, topology: 'private', bastion: true}), testInputs());
    expect(countByKind(resources)).toEqual({
      network: 1,
      subnetwork: 6,
      router: 1,
      'router-nat': 1,
      firewall: 8,
      'service-account': 2,
      'instance-template': 7,
      // One per zone of each group: the bastions' group spans the three utility subnets.
      'instance-group-manager': 9,
      disk: 6,
      address: 1,
      'health-check': 1,
      'backend-service': 1,
      'forwarding-rule': 1,
      'dns-zone': 1,
      'dns-record': 2,
    });
    const nat = find(resources, 'router-nat', gceName('nat', name));
    expect((nat.properties.subnetworks as Ref[]).map((r) => r.$ref.name)).toEqual(threeZones.map((zone) => gceName(zone, name)));
    const service = find(resources, 'backend-service', gceName('api', name));
    expect((service.properties.backends as Ref[]).map((r) => [r.$ref.name, r.$ref.attribute])).toEqual(
      threeZones.map((zone) => [gceName(`${zone.slice(-1)}-control-plane-${zone}`, name), 'instanceGroup']),
    );
    const disk = find(resources, 'disk', gceName('b-etcd-events', name));
    expect(disk.properties).toMatchObject({zone: 'us-central1-b', sizeGb: 20, type: 'pd-ssd', labels: {'k8s-io-etcd-events': 'b'}});
    expect(find(resources, 'dns-record', `api.${name}`).properties).toMatchObject({dnsZone: 'example.com', type: 'A', rrdatas: [{$ref: {kind: 'address', name: gceName('api', name), attribute: 'address'}}]});
    expect(resources.some((r) => r.name === `api.internal.${name}`)).toBe(true);
  });

  it('gives private instances no external address, opens SSH through the bastion, and none of the firewall to the whole IPv6 internet', () => {
    const name = 'b.example.com';
    const {resources} = buildModel(bundle({name, topology: 'private', bastion: true, sshAccess: ['10.1.0.0/16', '2001:db8::/32']}), testInputs());
    expect(find(resources, 'instance-template', gceName('nodes-us-central1-a', name)).properties.externalIp).toBe(false);
    expect(find(resources, 'instance-template', gceName('bastions', name)).properties.externalIp).toBe(true);
    expect(find(resources, 'firewall', gceName('ssh-external', name)).properties).toMatchObject({
      sourceRanges: ['10.1.0.0/16'],
      targetTags: [gceName('bastion', name)],
      allowed: [{IPProtocol: 'tcp', ports: ['22']}],
    });
    expect(find(resources, 'firewall', gceName('ssh-from-bastion', name)).properties).toMatchObject({
      sourceTags: [gceName('bastion', name)],
      targetTags: [gceName('control-plane', name), gceName('node', name)],
    });
    // With no IPv4 range to let in, there is no rule: a rule without sources would let in everyone.
    const closed = buildModel(bundle({name: 'c.example.com', sshAccess: ['::/0']}), testInputs()).resources;
    expect(closed.some((r) => r.name === gceName('ssh-external', 'c.example.com'))).toBe(false);
  });

  it('models a public gossip cluster without NAT and without a single DNS resource, its machines joining the address', () => {
    const name = 'g.k8s.local';
    const inputs = testInputs();
    const cluster = bundle({name, zones: ['europe-west1-b', 'europe-west1-c']});
    const {resources, files} = buildModel(cluster, inputs);
    const counts = countByKind(resources);
    for (const kind of ['dns-record', 'dns-zone', 'router', 'router-nat']) expect(counts[kind]).toBeUndefined();
    const cidr = cluster.cluster.spec.subnets.find((s) => s.name === 'europe-west1-b')?.cidr;
    expect(find(resources, 'subnetwork', gceName('europe-west1-b', name)).properties).toMatchObject({region: 'europe-west1', ipCidrRange: cidr});
    const address = {$ref: {kind: 'address', name: gceName('api', name), attribute: 'address'}};
    expect(inputs.requests.map((r) => r.apiEndpoint)).toEqual(inputs.requests.map(() => address));
    const template = find(resources, 'instance-template', gceName('nodes-europe-west1-b', name));
    expect(isJoin(template.properties.userData) && template.properties.userData.$join.filter(isRef)).toEqual([address]);
    expect(files?.find((f) => f.path.includes(gceName('nodes-europe-west1-b', name)))?.content).toContain('joining https://@@KOPSX_REFERENCE_0@@:443');
  });

  it('asks core for each group\'s user-data with the metadata server locked away from pods, and installs the admin key', () => {
    const name = 'u.example.com';
    const inputs = testInputs({sshPublicKey: SSH_KEY});
    const {resources} = buildModel(bundle({name, topology: 'private', bastion: true}), inputs);
    expect(inputs.requests.map((r) => [r.instanceGroup, r.apiEndpoint])).toEqual([
      ['bastions', `api.internal.${name}`],
      ['control-plane-us-central1-a', `api.internal.${name}`],
      ['nodes-us-central1-a', `api.internal.${name}`],
    ]);
    for (const request of inputs.requests) expect(request.preKubeadmCommands?.join('\n')).toContain('-d 169.254.169.254/32 -j DROP');
    const template = find(resources, 'instance-template', gceName('control-plane-us-central1-a', name));
    expect(template.properties).toMatchObject({
      machineType: 'e2-medium',
      sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
      serviceAccountEmail: {$ref: {kind: 'service-account', name: gceName('control-plane', name, 30), attribute: 'email'}},
      sshKeys: `ubuntu:${SSH_KEY}`,
      description: `Managed by kopsx for cluster ${name}`,
      labels: {'kopsx-k8s-io-instance-group': 'control-plane-us-central1-a', 'kopsx-k8s-io-role': 'control-plane'},
    });
    expect(find(resources, 'instance-template', gceName('bastions', name)).properties.serviceAccountEmail).toBeUndefined();
  });

  it('points every reference at a resource of the model', () => {
    for (const options of [
      {name: 'ha.example.com', zones: threeZones, controlPlaneCount: 3, topology: 'private' as const, bastion: true},
      {name: 'one.k8s.local'},
    ]) {
      const {resources} = buildModel(bundle(options), testInputs({sshPublicKey: SSH_KEY}));
      const keys = new Set(resources.map(resourceKey));
      expect(keys.size).toBe(resources.length);
      const dangling = resources.flatMap((r) =>
        Object.values(r.properties)
          .flatMap(refsIn)
          .map((target) => resourceKey(target.$ref))
          .filter((key) => !keys.has(key)),
      );
      expect(dangling).toEqual([]);
    }
  });

  it('uses a shared network and shared subnetworks by link, and puts an internal API load balancer in them', () => {
    const base = bundle({name: 'shared.example.com', topology: 'private'});
    const spec = {
      ...base.cluster.spec,
      networkID: 'projects/host-project/global/networks/shared-vpc',
      api: {loadBalancer: {type: 'Internal' as const}},
      subnets: base.cluster.spec.subnets.map((s) => ({...s, id: `kube-${s.name}`})),
    };
    const {resources} = buildModel({...base, cluster: {...base.cluster, spec}}, testInputs());
    expect(find(resources, 'network', spec.networkID)).toMatchObject({lifecycle: 'shared', id: spec.networkID});
    expect(find(resources, 'subnetwork', 'kube-us-central1-a')).toMatchObject({lifecycle: 'shared', id: 'regions/us-central1/subnetworks/kube-us-central1-a'});
    const counts = countByKind(resources);
    expect(counts.router).toBeUndefined();
    expect(find(resources, 'firewall', gceName('https-api', 'shared.example.com')).properties.network).toBe(spec.networkID);
    expect(find(resources, 'forwarding-rule', gceName('api', 'shared.example.com')).properties).toMatchObject({
      loadBalancingScheme: 'INTERNAL',
      network: spec.networkID,
      subnetwork: 'regions/us-central1/subnetworks/kube-us-central1-a',
    });
  });

  it('names what is wrong with a spec GCE cannot run', () => {
    expect(() => buildModel(bundle({name: 'img.example.com', image: 'not an image'}), testInputs())).toThrow(/is not <project>\/<image family>/);
    const base = bundle({name: 'disk.example.com'});
    const [group] = base.instanceGroups;
    if (!group) throw new Error('no group');
    const bad = {...base, instanceGroups: [{...group, spec: {...group.spec, rootVolumeType: 'gp3'}}, ...base.instanceGroups.slice(1)]};
    expect(() => buildModel(bad, testInputs())).toThrow(/"gp3" is not a GCE disk type/);
  });

  it('is deterministic', () => {
    const input = bundle({name: 'same.example.com', zones: threeZones, topology: 'private'});
    expect(buildModel(input, testInputs())).toEqual(buildModel(structuredClone(input), testInputs()));
  });
});
