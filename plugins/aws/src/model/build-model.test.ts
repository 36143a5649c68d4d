import {buildCluster, completeCluster, isJoin, isRef, resourceKey} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions, DesiredResource, PropertyValue, Ref} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {SSH_KEY, testInputs} from '../../test/model-inputs.js';
import {buildModel} from './build-model.js';

function bundle(options: Partial<CreateClusterOptions> & {name: string}): ClusterBundle {
  return completeCluster(buildCluster({cloud: 'aws', zones: ['us-east-1a'], ...options}));
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

const threeZones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

describe('buildModel', () => {
  it('models a private, highly available cluster with DNS and a bastion', () => {
    const {resources} = buildModel(
      bundle({name: 'ha.example.com', zones: threeZones, controlPlaneCount: 3, topology: 'private', bastion: true}),
      testInputs(),
    );
    expect(countByKind(resources)).toEqual({
      vpc: 1,
      'internet-gateway': 1,
      subnet: 6,
      'route-table': 4,
      route: 4,
      'route-table-association': 6,
      'elastic-ip': 3,
      'nat-gateway': 3,
      'security-group': 4,
      'security-group-rule': expect.any(Number),
      'iam-role': 3,
      'iam-role-policy': 3,
      'iam-instance-profile': 3,
      image: 1,
      'launch-template': 7,
      'autoscaling-group': 7,
      'ebs-volume': 6,
      'load-balancer': 1,
      'target-group': 1,
      listener: 1,
      'route53-zone': 1,
      'route53-record': 2,
    });
    const privateRoute = find(resources, 'route', 'private-us-east-1b.ha.example.com:0.0.0.0/0');
    expect(privateRoute.properties.natGatewayId).toEqual({$ref: {kind: 'nat-gateway', name: 'us-east-1b.ha.example.com', attribute: 'id'}});
    const nat = find(resources, 'nat-gateway', 'us-east-1b.ha.example.com');
    expect(nat.properties.subnetId).toEqual({$ref: {kind: 'subnet', name: 'utility-us-east-1b.ha.example.com', attribute: 'id'}});
    const volume = find(resources, 'ebs-volume', 'b.etcd-events.ha.example.com');
    expect(volume.properties).toMatchObject({availabilityZone: 'us-east-1b', tags: {'k8s.io/etcd/events': 'b/a,b,c'}});
    const api = find(resources, 'route53-record', 'api.ha.example.com');
    expect(api.properties).toMatchObject({dnsZone: 'example.com', type: 'A'});
    expect(resources.some((r) => r.name === 'api.internal.ha.example.com')).toBe(true);
  });

  it('sends SSH through the bastion when there is one, and straight to the instances otherwise', () => {
    const withBastion = buildModel(bundle({name: 'b.example.com', topology: 'private', bastion: true, sshAccess: ['10.1.0.0/16']}), testInputs());
    const sshRules = (model: typeof withBastion) =>
      model.resources.filter((r) => r.kind === 'security-group-rule' && r.properties.fromPort === 22).map((r) => r.name);
    expect(sshRules(withBastion).sort()).toEqual([
      'bastion.b.example.com:tcp-22:10.1.0.0/16',
      'control-plane.b.example.com:tcp-22:bastion.b.example.com',
      'nodes.b.example.com:tcp-22:bastion.b.example.com',
    ]);
    const direct = buildModel(bundle({name: 'd.example.com', sshAccess: ['10.1.0.0/16']}), testInputs());
    expect(sshRules(direct).sort()).toEqual(['control-plane.d.example.com:tcp-22:10.1.0.0/16', 'nodes.d.example.com:tcp-22:10.1.0.0/16']);
  });

  it('models a public gossip cluster without NAT and without a single Route53 resource', () => {
    const {resources} = buildModel(bundle({name: 'g.k8s.local', zones: ['eu-west-1a', 'eu-west-1b']}), testInputs());
    const counts = countByKind(resources);
    expect(counts['route53-record']).toBeUndefined();
    expect(counts['route53-zone']).toBeUndefined();
    expect(counts['nat-gateway']).toBeUndefined();
    expect(counts['elastic-ip']).toBeUndefined();
    expect(counts['route-table']).toBe(1);
    const lb = find(resources, 'load-balancer', 'api.g.k8s.local');
    expect(lb.properties).toMatchObject({scheme: 'internet-facing', type: 'network'});
    expect((lb.properties.subnetIds as Ref[]).map((r) => r.$ref.name)).toEqual(['eu-west-1a.g.k8s.local', 'eu-west-1b.g.k8s.local']);
    const policy = JSON.parse(find(resources, 'iam-role-policy', 'control-plane.g.k8s.local').properties.policyDocument as string);
    expect(JSON.stringify(policy)).not.toContain('route53');
    const nodeTemplate = find(resources, 'launch-template', 'nodes-eu-west-1a.g.k8s.local');
    expect(nodeTemplate.properties).toMatchObject({associatePublicIpAddress: true, httpTokens: 'required', httpPutResponseHopLimit: 1});
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
          .map((ref) => resourceKey(ref.$ref))
          .filter((key) => !keys.has(key))
          .map((key) => `${resourceKey(r)} -> ${key}`),
      );
      expect(dangling).toEqual([]);
    }
  });

  it('uses a shared VPC and shared subnets by ID and creates no routing for them', () => {
    const base = bundle({name: 'shared.example.com', zones: ['us-east-1a']});
    const spec = {
      ...base.cluster.spec,
      networkID: 'vpc-0123456789abcdef0',
      subnets: base.cluster.spec.subnets.map((s) => ({...s, id: 'subnet-0123456789abcdef0'})),
    };
    const {resources} = buildModel({...base, cluster: {...base.cluster, spec}}, testInputs());
    expect(find(resources, 'vpc', 'vpc-0123456789abcdef0')).toMatchObject({lifecycle: 'shared', id: 'vpc-0123456789abcdef0'});
    expect(find(resources, 'subnet', 'subnet-0123456789abcdef0')).toMatchObject({lifecycle: 'shared', id: 'subnet-0123456789abcdef0'});
    const counts = countByKind(resources);
    expect(counts['internet-gateway']).toBeUndefined();
    expect(counts['route-table']).toBeUndefined();
    expect(find(resources, 'security-group', 'nodes.shared.example.com').properties.vpcId).toEqual({
      $ref: {kind: 'vpc', name: 'vpc-0123456789abcdef0', attribute: 'id'},
    });
  });

  it('refuses to create internet routing inside a shared VPC', () => {
    const base = bundle({name: 'half.example.com'});
    const cluster = {...base.cluster, spec: {...base.cluster.spec, networkID: 'vpc-0123456789abcdef0'}};
    expect(() => buildModel({...base, cluster}, testInputs())).toThrow(/subnets must be shared too/);
  });

  it('imports the admin SSH key under a name that changes with the key, unless the spec names a key pair', () => {
    const imported = buildModel(bundle({name: 'k.example.com'}), testInputs({sshPublicKey: SSH_KEY}));
    const keyPair = imported.resources.find((r) => r.kind === 'key-pair');
    expect(keyPair?.name).toMatch(/^kopsx\.k\.example\.com-[0-9a-f]{32}$/);
    expect(keyPair?.properties.publicKey).toBe(SSH_KEY.split(' ').slice(0, 2).join(' '));
    const template = find(imported.resources, 'launch-template', 'nodes-us-east-1a.k.example.com');
    expect(template.properties.keyName).toEqual({$ref: {kind: 'key-pair', name: keyPair?.name, attribute: 'name'}});

    const base = bundle({name: 'k.example.com'});
    const named = buildModel(
      {...base, cluster: {...base.cluster, spec: {...base.cluster.spec, sshKeyName: 'ops-key'}}},
      testInputs({sshPublicKey: SSH_KEY}),
    );
    expect(named.resources.some((r) => r.kind === 'key-pair')).toBe(false);
    expect(find(named.resources, 'launch-template', 'nodes-us-east-1a.k.example.com').properties.keyName).toBe('ops-key');
  });

  it('asks core for each group\'s user-data, joining api.internal when the cluster has DNS', () => {
    const inputs = testInputs();
    const model = buildModel(bundle({name: 'u.example.com', topology: 'private', bastion: true}), inputs);
    expect(inputs.requests.map((r) => [r.instanceGroup, r.apiEndpoint])).toEqual([
      ['bastions', 'api.internal.u.example.com'],
      ['control-plane-us-east-1a', 'api.internal.u.example.com'],
      ['nodes-us-east-1a', 'api.internal.u.example.com'],
    ]);
    // Pods are kept from the metadata service on every machine; only control planes attach an etcd volume.
    for (const request of inputs.requests) {
      expect(request.preKubeadmCommands?.join('\n')).toContain('-d 169.254.169.254/32 -j DROP');
    }
    expect(inputs.requests.filter((r) => r.etcdVolume).map((r) => r.instanceGroup)).toEqual(['control-plane-us-east-1a']);
    const template = find(model.resources, 'launch-template', 'control-plane-us-east-1a.u.example.com');
    expect(template.properties.userData).toContain('# instance group control-plane-us-east-1a, joining https://api.internal.u.example.com:443');
    expect(model.files).toContainEqual({
      path: 'data/aws_launch_template_control-plane-us-east-1a.u.example.com_user_data',
      content: template.properties.userData,
    });
  });

  it('has gossip clusters join the load balancer\'s DNS name, known at apply time, and puts a placeholder in the data file', () => {
    const model = buildModel(bundle({name: 'g.k8s.local'}), testInputs());
    const template = find(model.resources, 'launch-template', 'nodes-us-east-1a.g.k8s.local');
    const userData = template.properties.userData;
    if (!isJoin(userData)) throw new Error('user-data of a gossip cluster should be a join');
    expect(userData.$join.filter(isRef)).toEqual([{$ref: {kind: 'load-balancer', name: 'api.g.k8s.local', attribute: 'dnsName'}}]);
    const file = model.files?.find((f) => f.path.endsWith('nodes-us-east-1a.g.k8s.local_user_data'));
    expect(file?.content).toContain('joining https://@@KOPSX_REFERENCE_0@@:443');
  });

  it('is deterministic', () => {
    const input = bundle({name: 'same.example.com', zones: threeZones, topology: 'private'});
    expect(buildModel(input, testInputs())).toEqual(buildModel(structuredClone(input), testInputs()));
  });
});
