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

  it('tells outdated instances apart, surges by detaching, and replaces terminated instances under new names', async () => {
    const clusters = await openClusterStore(fx);
    const name = 'roll.k8s.local';
    // Two zones: the node group of each zone is one managed instance group, the control plane another.
    const bundle = await clusters.create({name, zones: ['us-central1-a', 'us-central1-b'], nodeCount: 4});
    await clusters.update(name);
    const ops: InstanceGroupOperations | undefined = (await fx.connect(bundle)).instanceGroups;
    if (!ops?.detach) throw new Error('the GCE connection has no instance group operations with surge');

    const before = fx.sim.requests().length;
    const fresh = await ops.list();
    // One listing of groups, one of templates (which instance group a managed group is), one of instances.
    expect(fx.sim.requests().slice(before).map((r) => r.action).sort()).toEqual([
      'compute.instanceGroupManagers.aggregatedList',
      'compute.instanceTemplates.list',
      'compute.instances.aggregatedList',
    ]);
    expect(fresh.map((g) => [g.name, g.minSize, g.desiredSize, g.maxSize, g.instances.length]).sort()).toEqual([
      ['control-plane-us-central1-a', 1, 1, 1, 1],
      ['nodes-us-central1-a', 2, 2, 2, 2],
      ['nodes-us-central1-b', 2, 2, 2, 2],
    ]);
    for (const instance of fresh.flatMap((g) => g.instances)) {
      expect(instance).toMatchObject({needsUpdate: false, status: expect.stringMatching(/^(pending|running)$/)});
      expect(instance.nodeName).toMatch(/^[a-z]-(nodes|control-plane)-us-central1-[ab]-roll-k8s-local-[a-z0-9]{4}-[a-z0-9]{4}$/);
    }

    const nodes = bundle.instanceGroups.find((g) => g.metadata.name === 'nodes-us-central1-a');
    if (!nodes) throw new Error('no node group');
    nodes.spec = {...nodes.spec, machineType: 'e2-standard-2'};
    await clusters.replace(bundle);
    await clusters.update(name);
    const changed = await ops.list();
    const oldNodes = group(changed, 'nodes-us-central1-a').instances;
    expect(oldNodes.map((i) => i.needsUpdate)).toEqual([true, true]);
    expect(group(changed, 'nodes-us-central1-b').instances.map((i) => i.needsUpdate)).toEqual([false, false]);
    const [first, second] = oldNodes;
    if (!first || !second) throw new Error('expected two nodes');

    // Surge: the detached instance keeps running, outside the group's count, and the group launches a new one.
    await ops.detach('nodes-us-central1-a', first.id);
    const surged = group(await ops.list(), 'nodes-us-central1-a');
    expect(surged.desiredSize).toBe(2);
    expect(surged.instances.find((i) => i.id === first.id)).toMatchObject({detached: true, needsUpdate: true, nodeName: first.nodeName});
    const launched = surged.instances.filter((i) => i.id !== first.id && i.id !== second.id);
    expect(launched.map((i) => [i.needsUpdate, i.detached])).toEqual([[false, undefined]]);

    await ops.terminate('nodes-us-central1-a', first.id);
    expect(group(await ops.list(), 'nodes-us-central1-a').instances.find((i) => i.id === first.id)).toBeUndefined();

    // Without surge: the group replaces the terminated instance with a new one, under another name.
    await ops.terminate('nodes-us-central1-a', second.id);
    const replaced = group(await ops.list(), 'nodes-us-central1-a');
    expect(replaced.desiredSize).toBe(2);
    expect(replaced.instances.map((i) => i.needsUpdate)).toEqual([false, false]);
    expect(replaced.instances.map((i) => i.nodeName)).not.toContain(second.nodeName);

    // An instance of another group is never terminated through this one; one that is gone is nothing to do.
    const controlPlane = group(await ops.list(), 'control-plane-us-central1-a').instances[0];
    await expect(ops.terminate('nodes-us-central1-a', controlPlane?.id ?? '')).rejects.toBeInstanceOf(NotFoundError);
    await ops.terminate('nodes-us-central1-a', first.id);
    await clusters.delete(name);
  }, 60_000);
});
