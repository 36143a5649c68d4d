import {gunzipSync} from 'node:zlib';
import {AllocateAddressCommand, CreateNatGatewayCommand, DescribeLaunchTemplateVersionsCommand, EC2Client} from '@aws-sdk/client-ec2';
import {CreateLoadBalancerCommand, ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import {CreateInstanceProfileCommand, CreateRoleCommand, IAMClient} from '@aws-sdk/client-iam';
import {CreateHostedZoneCommand, Route53Client} from '@aws-sdk/client-route-53';
import {buildCluster, completeCluster} from '@kopsx/core';
import type {ClusterBundle, ResolvedResource} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {apiLoadBalancingNames} from '../src/names.js';
import {HandlerHarness, differences} from './handler-harness.js';
import {SSH_KEY, testInputs} from './model-inputs.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

interface Case {
  /** The resource under test, by its name with `{c}` for the cluster name. */
  readonly name: string;
  /** A change the handler makes in place; cases without one only create and delete. */
  readonly update?: (desired: ResolvedResource) => ResolvedResource;
}

const withTag = (desired: ResolvedResource): ResolvedResource => ({
  ...desired,
  properties: {...desired.properties, tags: {...(desired.properties.tags as Record<string, string>), team: 'platform'}},
});
const withProperties = (properties: Record<string, string | number>) => (desired: ResolvedResource): ResolvedResource => ({
  ...desired,
  properties: {...desired.properties, ...properties},
});

const CASES: Readonly<Record<string, Case>> = {
  vpc: {name: '{c}', update: withTag},
  'internet-gateway': {name: '{c}', update: withTag},
  subnet: {name: 'us-east-1a.{c}', update: withTag},
  'route-table': {name: 'private-us-east-1a.{c}', update: withTag},
  route: {name: 'private-us-east-1a.{c}:0.0.0.0/0'},
  'route-table-association': {name: 'utility-us-east-1a.{c}'},
  'elastic-ip': {name: 'us-east-1a.{c}', update: withTag},
  'nat-gateway': {name: 'us-east-1a.{c}', update: withTag},
  'security-group': {name: 'nodes.{c}', update: withTag},
  'security-group-rule': {name: 'api-lb.{c}:tcp-443:::/0'},
  'iam-role': {name: 'nodes.{c}'},
  'iam-role-policy': {name: 'nodes.{c}', update: withProperties({policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeRegions","Resource":"*"}]}'})},
  'iam-instance-profile': {name: 'nodes.{c}'},
  'key-pair': {name: 'kopsx.{c}-', update: withTag},
  'launch-template': {name: 'nodes-us-east-1a.{c}', update: withProperties({instanceType: 'm5.large'})},
  'autoscaling-group': {name: 'nodes-us-east-1a.{c}', update: (d) => withTag(withProperties({minSize: 2, maxSize: 4})(d))},
  'ebs-volume': {name: 'a.etcd-main.{c}', update: (d) => withTag(withProperties({size: 40, volumeType: 'io2'})(d))},
  'load-balancer': {name: 'api.{c}'},
  'target-group': {name: 'api.{c}'},
  listener: {name: 'api.{c}:443'},
  'route53-record': {name: 'api.{c}', update: withProperties({aliasDnsName: 'elsewhere-0123456789abcdef.elb.us-east-1.amazonaws.com'})},
};

function privateCluster(clusterName: string): ClusterBundle {
  return completeCluster(buildCluster({name: clusterName, cloud: 'aws', zones: ['us-east-1a'], topology: 'private', bastion: true, dnsZone: 'example.com'}));
}

describe('each handler against the simulator', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
    await new Route53Client(fx.clientConfig).send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'handlers-test'}));
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** A harness over the model of a private cluster with a bastion and an admin SSH key. */
  async function harnessFor(clusterName: string): Promise<HandlerHarness> {
    const bundle = privateCluster(clusterName);
    const model = provider.buildModel(bundle, testInputs({sshPublicKey: SSH_KEY})).resources;
    return new HandlerHarness(fx, await fx.connect(bundle), clusterName, model);
  }

  it('covers every kind the model uses that has a handler', async () => {
    const connection = await fx.connect(privateCluster('kinds.example.com'));
    expect(connection.handlers.map((h) => h.kind).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s: create → listed unchanged → update → delete → gone', async (kind, {name, update}) => {
    // A cluster per kind keeps the cases apart: everything is found by the cluster's tags.
    const clusterName = `t-${kind}.example.com`;
    const harness = await harnessFor(clusterName);
    // Key pairs end with the key's fingerprint: the case gives the start of the name.
    const wanted = name.replaceAll('{c}', clusterName);
    const model = provider.buildModel(privateCluster(clusterName), testInputs({sshPublicKey: SSH_KEY})).resources;
    const target = model.find((r) => r.kind === kind && (r.name === wanted || (wanted.endsWith('-') && r.name.startsWith(wanted))));
    if (!target) throw new Error(`the model has no ${kind} named ${name}`);
    const handler = harness.handler(kind);

    const created = await harness.ensure(`${kind}/${target.name}`);
    const desired = harness.resolve(target);
    const listed = await harness.find(kind, target.name);
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
      const after = await harness.find(kind, target.name);
      expect(after?.id).toBe(current.id);
      if (!after) return;
      expect(differences(handler, changed, after)).toEqual([]);
      current = after;
    }

    await handler.delete(harness.ctx, current);
    expect(await harness.find(kind, target.name)).toBeUndefined();
    // A rerun after a crash may delete again: that must not fail.
    await handler.delete(harness.ctx, current);
  });

  it('writes a new launch template version for a change and keeps the image it looked up', async () => {
    const clusterName = 'versions.example.com';
    const harness = await harnessFor(clusterName);
    const key = `launch-template/nodes-us-east-1a.${clusterName}`;
    await harness.ensure(key);
    const handler = harness.handler('launch-template');
    const first = await harness.find('launch-template', `nodes-us-east-1a.${clusterName}`);
    if (!first) throw new Error('launch template not listed');
    expect(first.attributes).toMatchObject({latestVersion: '1', rootDeviceName: '/dev/sda1', imageId: expect.stringMatching(/^ami-/)});
    const changed = withProperties({instanceType: 'c5.xlarge'})(harness.resolve(harness.desired(key)));
    await handler.update?.(harness.ctx, first, changed, differences(handler, changed, first));
    const second = await harness.find('launch-template', `nodes-us-east-1a.${clusterName}`);
    expect(second?.attributes).toMatchObject({latestVersion: '2', imageId: first.attributes.imageId});
    expect(second?.properties.instanceType).toBe('c5.xlarge');
  });

  it('gzips user-data over EC2\'s 16 KiB and compares it as text, keeping it out of sight', async () => {
    const clusterName = 'big.example.com';
    const harness = await harnessFor(clusterName);
    const handler = harness.handler('launch-template');
    expect(handler.sensitive).toEqual(['userData']);
    const key = `launch-template/control-plane-us-east-1a.${clusterName}`;
    const current = await harness.ensure(key);
    const document = `#cloud-config\nwrite_files:\n${Array.from({length: 400}, (_, i) => `- path: /etc/kopsx/file-${i}\n  content: ${'x'.repeat(40)}\n`).join('')}`;
    expect(Buffer.byteLength(document)).toBeGreaterThan(16_384);
    const big = withProperties({userData: document})(harness.resolve(harness.desired(key)));
    await handler.update?.(harness.ctx, current, big, differences(handler, big, current));

    const {LaunchTemplateVersions = []} = await new EC2Client(fx.clientConfig).send(
      new DescribeLaunchTemplateVersionsCommand({LaunchTemplateId: current.id, Versions: ['$Latest']}),
    );
    const raw = Buffer.from(LaunchTemplateVersions[0]?.LaunchTemplateData?.UserData ?? '', 'base64');
    expect(raw.length).toBeLessThanOrEqual(16_384);
    expect(gunzipSync(raw).toString()).toBe(document);
    const listed = await harness.find('launch-template', big.name);
    if (!listed) throw new Error('launch template not listed');
    expect(differences(handler, big, listed)).toEqual([]);
  });

  it('points a route at another NAT gateway in place', async () => {
    const clusterName = 'reroute.example.com';
    const harness = await harnessFor(clusterName);
    const key = `route/private-us-east-1a.${clusterName}:0.0.0.0/0`;
    const route = await harness.ensure(key);
    const utility = await harness.ensure(`subnet/utility-us-east-1a.${clusterName}`);
    const ec2 = new EC2Client(fx.clientConfig);
    const {AllocationId} = await ec2.send(new AllocateAddressCommand({Domain: 'vpc'}));
    const {NatGateway} = await ec2.send(new CreateNatGatewayCommand({SubnetId: utility.id, AllocationId}));
    const handler = harness.handler('route');
    const changed = withProperties({natGatewayId: NatGateway?.NatGatewayId ?? ''})(harness.resolve(harness.desired(key)));
    const changes = differences(handler, changed, route);
    expect(changes.map((c) => c.field)).toEqual(['natGatewayId']);
    expect(handler.replaceOn).not.toContain('natGatewayId');
    await handler.update?.(harness.ctx, route, changed, changes);
    expect((await harness.find('route', changed.name))?.properties.natGatewayId).toBe(NatGateway?.NatGatewayId);
  });

  it('refuses to delete a load balancer that has the cluster\'s name but not its tags', async () => {
    const clusterName = 'impostor.example.com';
    const harness = await harnessFor(clusterName);
    const subnet = await harness.ensure(`subnet/utility-us-east-1a.${clusterName}`);
    await new ElasticLoadBalancingV2Client(fx.clientConfig).send(
      new CreateLoadBalancerCommand({Name: apiLoadBalancingNames(clusterName).loadBalancer, Type: 'network', Subnets: [subnet.id]}),
    );
    const found = await harness.find('load-balancer', `api.${clusterName}`);
    if (!found) throw new Error('a load balancer with the cluster\'s name is listed');
    await expect(harness.handler('load-balancer').delete(harness.ctx, found)).rejects.toThrow(/not its ownership tags/);
    expect(await harness.find('load-balancer', `api.${clusterName}`)).toBeDefined();
  });

  it('finds an instance profile left without its role, so that it is not created twice', async () => {
    const clusterName = 'orphan.example.com';
    const harness = await harnessFor(clusterName);
    await harness.ensure(`iam-role/nodes.${clusterName}`);
    const path = `/kopsx/${clusterName}/`;
    await new IAMClient(fx.clientConfig).send(new CreateInstanceProfileCommand({InstanceProfileName: `nodes.${clusterName}`, Path: path}));
    // Another role under the path, with no profile at all, must not hide the orphan either.
    await new IAMClient(fx.clientConfig).send(new CreateRoleCommand({RoleName: `extra.${clusterName}`, Path: path, AssumeRolePolicyDocument: '{}'}));
    const profiles = await harness.list('iam-instance-profile');
    expect(profiles.map((p) => [p.name, p.properties.roleName])).toEqual([[`nodes.${clusterName}`, undefined]]);
  });
});
