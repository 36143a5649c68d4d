import {CreateSecurityGroupCommand, CreateVpcCommand, EC2Client} from '@aws-sdk/client-ec2';
import {CreateRoleCommand, IAMClient} from '@aws-sdk/client-iam';
import {CreateHostedZoneCommand, Route53Client} from '@aws-sdk/client-route-53';
import {applyPlan, buildCluster, completeCluster, discover, planChanges, planDeletion} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions, Plan} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

const FAST_RETRY = {baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 20_000};
// The simulator does not store IPv6 rule ranges yet, so these clusters admit IPv4 only.
const IPV4_ONLY = {adminAccess: ['0.0.0.0/0'], sshAccess: ['10.0.0.0/8']};

function cluster(options: Partial<CreateClusterOptions> & {name: string}): ClusterBundle {
  return completeCluster(buildCluster({cloud: 'aws', zones: ['us-east-1a'], ...IPV4_ONLY, ...options}));
}

function describeChanges(plan: Plan): string[] {
  return plan.changes.map((c) => `${c.action} ${c.key}${c.fieldChanges.length && c.action !== 'create' ? ` ${c.fieldChanges.map((f) => f.field).join(',')}` : ''}`);
}

describe('a whole cluster on the simulator', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
    await new Route53Client(fx.clientConfig).send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'lifecycle-test'}));
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function plan(bundle: ClusterBundle): Promise<Plan> {
    const inventory = await discover(fx.connection, fx.context(bundle.cluster.metadata.name), {retry: FAST_RETRY});
    return planChanges({desired: provider.buildModel(bundle).resources, inventory, handlers: fx.connection.handlers});
  }

  async function apply(bundle: ClusterBundle, changes: Plan): Promise<void> {
    await applyPlan(changes, {connection: fx.connection, clusterName: bundle.cluster.metadata.name, retry: FAST_RETRY});
  }

  async function deleteCluster(bundle: ClusterBundle): Promise<void> {
    const inventory = await discover(fx.connection, fx.context(bundle.cluster.metadata.name), {retry: FAST_RETRY});
    await apply(bundle, planDeletion({inventory, desired: provider.buildModel(bundle).resources}));
  }

  /** What the simulator holds for a cluster, by tag. */
  function clusterResources(name: string) {
    return fx.sim.resources().filter((r) => r.tags.KubernetesCluster === name && !r.kind.includes('instance'));
  }

  it('creates, converges, changes, and deletes a private cluster, leaving other resources alone', async () => {
    const name = 'life.example.com';
    const ec2 = new EC2Client(fx.clientConfig);
    const otherVpc = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.9.0.0/16',
        TagSpecifications: [{ResourceType: 'vpc', Tags: [{Key: 'KubernetesCluster', Value: 'other.example.com'}, {Key: 'kopsx.k8s.io/kind', Value: 'vpc'}]}],
      }),
    );
    const untaggedVpc = await ec2.send(new CreateVpcCommand({CidrBlock: '10.8.0.0/16'}));
    await new IAMClient(fx.clientConfig).send(
      new CreateRoleCommand({RoleName: `nodes.${name}-by-hand`, AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'}),
    );

    let bundle = cluster({name, zones: ['us-east-1a', 'us-east-1b'], topology: 'private', bastion: true});
    const first = await plan(bundle);
    expect(first.changes.every((c) => c.action === 'create')).toBe(true);
    await apply(bundle, first);

    // Tagged for the cluster the way its controllers tag what they create, but not made by kopsx. (Placed
    // in another VPC: inside the cluster's own it would rightly keep that VPC from being deleted.)
    await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'k8s-elb-service',
        Description: 'made by a load balancer controller',
        VpcId: otherVpc.Vpc?.VpcId,
        TagSpecifications: [{ResourceType: 'security-group', Tags: [{Key: `kubernetes.io/cluster/${name}`, Value: 'owned'}, {Key: 'KubernetesCluster', Value: name}]}],
      }),
    );
    expect(describeChanges(await plan(bundle))).toEqual([]);

    const nodes = bundle.instanceGroups.find((g) => g.metadata.name === 'nodes-us-east-1b');
    if (!nodes) throw new Error('no nodes-us-east-1b group');
    nodes.spec = {...nodes.spec, minSize: 3, maxSize: 5, machineType: 'm5.large'};
    bundle = {...bundle};
    const change = await plan(bundle);
    expect(describeChanges(change)).toEqual([
      'update launch-template/nodes-us-east-1b.life.example.com instanceType',
      'update autoscaling-group/nodes-us-east-1b.life.example.com maxSize,minSize',
    ]);
    await apply(bundle, change);
    expect(describeChanges(await plan(bundle))).toEqual([]);

    await deleteCluster(bundle);
    const left = clusterResources(name).map((r) => `${r.kind} ${r.name ?? r.id}`);
    expect(left).toEqual(['ec2:security-group k8s-elb-service']);
    const remaining = fx.sim.resources().flatMap((r) => [r.id, r.name]);
    expect(remaining).toEqual(expect.arrayContaining([otherVpc.Vpc?.VpcId, untaggedVpc.Vpc?.VpcId, `nodes.${name}-by-hand`]));
  }, 120_000);

  it('runs a gossip cluster without a single Route53 call', async () => {
    const bundle = cluster({name: 'quiet.k8s.local'});
    const before = fx.sim.requests().length;
    await apply(bundle, await plan(bundle));
    expect(describeChanges(await plan(bundle))).toEqual([]);
    await deleteCluster(bundle);
    const calls = fx.sim.requests().slice(before);
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.filter((c) => c.service === 'route53')).toEqual([]);
    expect(clusterResources('quiet.k8s.local')).toEqual([]);
  }, 120_000);
});
