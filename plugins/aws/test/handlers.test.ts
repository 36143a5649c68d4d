import {CreateHostedZoneCommand, Route53Client} from '@aws-sdk/client-route-53';
import {buildCluster, completeCluster} from '@kopsx/core';
import type {ResolvedResource} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {HandlerHarness, differences} from './handler-harness.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvR0pdXlTjJL0aS4d4Vq0nB4X1xUIO7tn0Ir6g2fJqX admin@example';

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
  'security-group-rule': {name: 'nodes.{c}:tcp-22:bastion.{c}'},
  'iam-role': {name: 'nodes.{c}'},
  'iam-role-policy': {name: 'nodes.{c}', update: withProperties({policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeRegions","Resource":"*"}]}'})},
  'iam-instance-profile': {name: 'nodes.{c}'},
  'key-pair': {name: 'kopsx.{c}-', update: withTag},
  'launch-template': {name: 'nodes-us-east-1a.{c}', update: withProperties({instanceType: 'm5.large'})},
  'autoscaling-group': {name: 'nodes-us-east-1a.{c}', update: (d) => withTag(withProperties({minSize: 2, maxSize: 4})(d))},
  'ebs-volume': {name: 'a.etcd-main.{c}', update: withTag},
  'load-balancer': {name: 'api.{c}', update: withTag},
  'target-group': {name: 'api.{c}', update: withTag},
  listener: {name: 'api.{c}:443'},
  'route53-record': {name: 'api.{c}', update: withProperties({aliasDnsName: 'elsewhere-0123456789abcdef.elb.us-east-1.amazonaws.com'})},
};

describe('each handler against the simulator', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
    await new Route53Client(fx.clientConfig).send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'handlers-test'}));
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('covers every kind the model uses that has a handler', () => {
    const handled = fx.connection.handlers.map((h) => h.kind).sort();
    expect(Object.keys(CASES).sort()).toEqual(handled);
  });

  it.each(Object.entries(CASES))('%s: create → listed unchanged → update → delete → gone', async (kind, {name, update}) => {
    // A cluster per kind keeps the cases apart: everything is found by the cluster's tags.
    const clusterName = `t-${kind}.example.com`;
    const bundle = completeCluster(
      buildCluster({name: clusterName, cloud: 'aws', zones: ['us-east-1a'], topology: 'private', bastion: true, adminAccess: ['0.0.0.0/0']}),
    );
    const model = provider.buildModel({...bundle, sshPublicKey: SSH_KEY}).resources;
    // Key pairs end with the key's fingerprint: the case gives the start of the name.
    const wanted = name.replaceAll('{c}', clusterName);
    const target = model.find((r) => r.kind === kind && (r.name === wanted || (wanted.endsWith('-') && r.name.startsWith(wanted))));
    if (!target) throw new Error(`the model has no ${kind} named ${name}`);
    const harness = new HandlerHarness(fx, clusterName, model);
    const handler = fx.handler(kind);

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
    const bundle = completeCluster(buildCluster({name: clusterName, cloud: 'aws', zones: ['us-east-1a']}));
    const harness = new HandlerHarness(fx, clusterName, provider.buildModel(bundle).resources);
    const key = `launch-template/nodes-us-east-1a.${clusterName}`;
    await harness.ensure(key);
    const handler = fx.handler('launch-template');
    const first = await harness.find('launch-template', `nodes-us-east-1a.${clusterName}`);
    if (!first) throw new Error('launch template not listed');
    expect(first.attributes).toMatchObject({latestVersion: '1', rootDeviceName: '/dev/sda1', imageId: expect.stringMatching(/^ami-/)});
    const changed = withProperties({instanceType: 'c5.xlarge'})(harness.resolve(harness.desired(key)));
    await handler.update?.(harness.ctx, first, changed, differences(handler, changed, first));
    const second = await harness.find('launch-template', `nodes-us-east-1a.${clusterName}`);
    expect(second?.attributes).toMatchObject({latestVersion: '2', imageId: first.attributes.imageId});
    expect(second?.properties.instanceType).toBe('c5.xlarge');
  });
});
