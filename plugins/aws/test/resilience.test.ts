import {CreateSecurityGroupCommand, CreateSubnetCommand, CreateVolumeCommand, CreateVpcCommand, EC2Client} from '@aws-sdk/client-ec2';
import {CreateHostedZoneCommand, Route53Client} from '@aws-sdk/client-route-53';
import {applyPlan, buildCluster, completeCluster, discover, planChanges} from '@kopsx/core';
import type {ClusterBundle, Inventory} from '@kopsx/core';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {testInputs} from './model-inputs.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

const FAST_RETRY = {baseDelayMs: 2, maxDelayMs: 20, deadlineMs: 20_000};

function bundle(name: string): ClusterBundle {
  return completeCluster(buildCluster({name, cloud: 'aws', zones: ['us-east-1a'], topology: 'private', dnsZone: 'example.com'}));
}

function desired(cluster: ClusterBundle) {
  return provider.buildModel(cluster, testInputs()).resources;
}

/** Resource count per kind: what two runs that converged to the same cluster have in common. */
function countByKind(inventory: Inventory): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...inventory.resources, ...inventory.extras]) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

describe('the provider under failures and among other clusters', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
  });
  beforeEach(() => {
    fx.sim.reset();
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function converge(cluster: ClusterBundle, options: {readonly tolerateFailure?: boolean} = {}): Promise<Inventory> {
    const name = cluster.cluster.metadata.name;
    const connection = await fx.connect(cluster);
    const inventory = await discover(connection, fx.context(name), {retry: FAST_RETRY});
    const plan = planChanges({desired: desired(cluster), inventory, handlers: connection.handlers});
    await applyPlan(plan, {connection, clusterName: name, retry: FAST_RETRY}).catch((error: unknown) => {
      if (!options.tolerateFailure) throw error;
    });
    return discover(connection, fx.context(name), {retry: FAST_RETRY});
  }

  it('lists nothing of other clusters, of untagged resources, or of what others tagged for the cluster', async () => {
    await new Route53Client(fx.clientConfig).send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'foreign'}));
    await converge(bundle('other.example.com'));
    const ec2 = new EC2Client(fx.clientConfig);
    const vpc = await ec2.send(new CreateVpcCommand({CidrBlock: '10.3.0.0/16'}));
    await ec2.send(new CreateSubnetCommand({VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.3.1.0/24', AvailabilityZone: 'us-east-1a'}));
    const forMine = [{Key: 'kubernetes.io/cluster/mine.example.com', Value: 'owned'}, {Key: 'KubernetesCluster', Value: 'mine.example.com'}];
    await ec2.send(new CreateVolumeCommand({AvailabilityZone: 'us-east-1a', Size: 10, TagSpecifications: [{ResourceType: 'volume', Tags: forMine}]}));
    await ec2.send(
      new CreateSecurityGroupCommand({GroupName: 'svc', Description: 'svc', VpcId: vpc.Vpc?.VpcId, TagSpecifications: [{ResourceType: 'security-group', Tags: forMine}]}),
    );

    const mine = await discover(await fx.connect(bundle('mine.example.com')), fx.context('mine.example.com'), {retry: FAST_RETRY});
    expect(mine.resources).toEqual([]);
    // The other cluster still sees all of its own, and only those.
    const other = await discover(await fx.connect(bundle('other.example.com')), fx.context('other.example.com'), {retry: FAST_RETRY});
    expect(other.resources.every((r) => r.name.includes('other.example.com'))).toBe(true);
    expect(other.resources.length).toBe(desired(bundle('other.example.com')).filter((r) => r.lifecycle !== 'shared').length);
  }, 60_000);

  it('converges when 30% of calls are throttled', async () => {
    fx.sim.configure({throttleRate: 0.3});
    const inventory = await converge(bundle('throttled.k8s.local'));
    fx.sim.configure({throttleRate: 0});
    const expected = desired(bundle('throttled.k8s.local')).filter((r) => r.lifecycle !== 'shared');
    expect(inventory.resources.length).toBe(expected.length);
    expect(fx.sim.requests().some((r) => r.status >= 400)).toBe(true);
  }, 60_000);

  it('ends where a clean run ends after a crash at any mutating call', async () => {
    const cluster = bundle('crash.k8s.local');
    const clean = countByKind(await converge(cluster));
    const mutating = fx.sim.requests().filter((r) => !/^(Describe|List|Get)/.test(r.action)).length;
    expect(mutating).toBeGreaterThan(30);
    for (let call = 1; call <= mutating; call += 1) {
      fx.sim.reset();
      fx.sim.configure({faultAtCall: call});
      await converge(cluster, {tolerateFailure: true});
      const rerun = await converge(cluster);
      expect(countByKind(rerun), `fault at mutating call ${call}`).toEqual(clean);
    }
  }, 240_000);
});
