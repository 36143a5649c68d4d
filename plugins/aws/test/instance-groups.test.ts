import {NotFoundError} from '@kopsx/core';
import type {CloudInstanceGroup, InstanceGroupOperations} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openClusterStore} from './cluster-store.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

function group(groups: readonly CloudInstanceGroup[], name: string): CloudInstanceGroup {
  const found = groups.find((g) => g.name === name);
  if (!found) throw new Error(`no instance group ${name} in ${groups.map((g) => g.name).join(', ')}`);
  return found;
}

describe('instance groups for rolling update', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('tells outdated instances apart, surges by detaching, and replaces terminated instances', async () => {
    const clusters = await openClusterStore(fx);
    const name = 'roll.k8s.local';
    const bundle = await clusters.create({name, nodeCount: 2});
    await clusters.update(name);
    const ops: InstanceGroupOperations | undefined = (await fx.connect(bundle)).instanceGroups;
    if (!ops) throw new Error('the AWS connection has no instance group operations');

    const before = fx.sim.requests().length;
    const fresh = await ops.list();
    // One listing of groups, one of templates (to resolve $Latest), one of instances (node names).
    expect(fx.sim.requests().slice(before).map((r) => r.action).sort()).toEqual([
      'DescribeAutoScalingGroups',
      'DescribeInstances',
      'DescribeLaunchTemplates',
    ]);
    expect(fresh.map((g) => [g.name, g.minSize, g.desiredSize, g.maxSize, g.instances.length])).toEqual([
      ['control-plane-us-east-1a', 1, 1, 1, 1],
      ['nodes-us-east-1a', 2, 2, 2, 2],
    ]);
    for (const instance of fresh.flatMap((g) => g.instances)) {
      expect(instance).toMatchObject({needsUpdate: false, status: expect.stringMatching(/^(pending|running)$/)});
      expect(instance.nodeName).toMatch(/^ip-172-20-\d+-\d+\.ec2\.internal$/);
    }

    const nodes = bundle.instanceGroups.find((g) => g.metadata.name === 'nodes-us-east-1a');
    if (!nodes) throw new Error('no node group');
    nodes.spec = {...nodes.spec, machineType: 'm5.large'};
    await clusters.replace(bundle);
    await clusters.update(name);
    const changed = await ops.list();
    const oldNodes = group(changed, 'nodes-us-east-1a').instances;
    expect(oldNodes.map((i) => i.needsUpdate)).toEqual([true, true]);
    expect(group(changed, 'control-plane-us-east-1a').instances.map((i) => i.needsUpdate)).toEqual([false]);
    const [first, second] = oldNodes;
    if (!first || !second) throw new Error('expected two nodes');

    // Surge: the detached instance keeps running, outside the group's count, and the group launches a new one.
    await ops.detach('nodes-us-east-1a', first.id);
    const surged = group(await ops.list(), 'nodes-us-east-1a');
    expect(surged.desiredSize).toBe(2);
    expect(surged.instances.find((i) => i.id === first.id)).toMatchObject({detached: true, needsUpdate: true});
    const launched = surged.instances.filter((i) => i.id !== first.id && i.id !== second.id);
    expect(launched.map((i) => [i.needsUpdate, i.detached])).toEqual([[false, undefined]]);

    await ops.terminate('nodes-us-east-1a', first.id);
    const afterDetachedGone = group(await ops.list(), 'nodes-us-east-1a').instances;
    expect(afterDetachedGone.find((i) => i.id === first.id)?.status ?? 'terminated').toMatch(/^(stopping|terminated)$/);

    // Without surge: the terminated instance is replaced by the group.
    await ops.terminate('nodes-us-east-1a', second.id);
    const replaced = group(await ops.list(), 'nodes-us-east-1a').instances;
    expect(replaced.find((i) => i.id === second.id)?.status).toBe('stopping');
    const serving = replaced.filter((i) => i.status === 'pending' || i.status === 'running');
    expect(serving.map((i) => i.needsUpdate)).toEqual([false, false]);

    // An instance of another group, or of no group of this cluster, is never terminated through this group.
    const controlPlane = group(await ops.list(), 'control-plane-us-east-1a').instances[0];
    await expect(ops.terminate('nodes-us-east-1a', controlPlane?.id ?? '')).rejects.toBeInstanceOf(NotFoundError);
    await clusters.delete(name);
  }, 60_000);
});
