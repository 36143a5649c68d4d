import {describe, expect, it} from 'vitest';
import {NotFoundError} from '../errors.js';
import {buildCluster, completeCluster} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudInstanceGroup} from '../provider/index.js';
import {planGroups} from './rolling-update-plan.js';

/** Control plane, two node groups (one per zone) and a bastion. */
function bundle(): ClusterBundle {
  const built = buildCluster({name: 'roll.k8s.local', cloud: 'fake', zones: ['fake-1a', 'fake-1b'], topology: 'private', bastion: true});
  built.cluster.spec.rollingUpdate = {maxSurge: 2};
  const nodesB = built.instanceGroups.find((ig) => ig.metadata.name === 'nodes-fake-1b');
  if (nodesB) nodesB.spec.rollingUpdate = {maxSurge: 0, maxUnavailable: 1};
  return completeCluster(built);
}

const cloud: CloudInstanceGroup[] = [
  {
    name: 'nodes-fake-1a',
    minSize: 1,
    maxSize: 3,
    desiredSize: 2,
    instances: [
      {id: 'i-a1', status: 'running', needsUpdate: true, nodeName: 'ip-1'},
      {id: 'i-a2', status: 'running', needsUpdate: false},
      {id: 'i-a3', status: 'terminated', needsUpdate: true},
    ],
  },
  {name: 'nodes-fake-1b', minSize: 1, maxSize: 1, desiredSize: 1, instances: [{id: 'i-b1', status: 'pending', needsUpdate: false}]},
  {
    name: 'control-plane-fake-1a',
    minSize: 1,
    maxSize: 1,
    desiredSize: 1,
    instances: [
      {id: 'i-c1', status: 'running', needsUpdate: false},
      {id: 'i-c0', status: 'running', needsUpdate: false, detached: true},
    ],
  },
  {name: 'bastions', minSize: 1, maxSize: 1, desiredSize: 1, instances: [{id: 'i-x1', status: 'running', needsUpdate: true}]},
];

describe('planGroups', () => {
  it('lists every group in update order with kOps\' columns, counting running and pending instances', () => {
    const rows = planGroups(bundle(), cloud).map(({instances: _, settings: __, ...row}) => row);
    expect(rows).toEqual([
      {name: 'bastions', role: 'Bastion', status: 'NeedsUpdate', needUpdate: 1, ready: 0, min: 1, target: 1, max: 1},
      // A detached instance left by an interrupted update must go too.
      {name: 'control-plane-fake-1a', role: 'ControlPlane', status: 'NeedsUpdate', needUpdate: 1, ready: 1, min: 1, target: 1, max: 1},
      {name: 'nodes-fake-1a', role: 'Node', status: 'NeedsUpdate', needUpdate: 1, ready: 1, min: 1, target: 2, max: 3},
      {name: 'nodes-fake-1b', role: 'Node', status: 'Ready', needUpdate: 0, ready: 1, min: 1, target: 1, max: 1},
    ]);
  });

  it('keeps what it needs to replace instances and the rolling-update settings, the group\'s over the cluster\'s', () => {
    const [, , nodesA, nodesB] = planGroups(bundle(), cloud);
    expect(nodesA?.instances).toEqual([
      {id: 'i-a1', nodeName: 'ip-1', needsUpdate: true, detached: false},
      {id: 'i-a2', needsUpdate: false, detached: false},
    ]);
    expect(nodesA?.settings).toEqual({maxSurge: 2});
    expect(nodesB?.settings).toEqual({maxSurge: 0, maxUnavailable: 1});
  });

  it('marks every instance with force', () => {
    const plans = planGroups(bundle(), cloud, {force: true});
    expect(plans.map((p) => [p.name, p.needUpdate, p.ready])).toEqual([
      ['bastions', 1, 0],
      ['control-plane-fake-1a', 2, 0],
      ['nodes-fake-1a', 2, 0],
      ['nodes-fake-1b', 1, 0],
    ]);
  });

  it('selects groups by name and by role', () => {
    expect(planGroups(bundle(), cloud, {instanceGroups: ['nodes-fake-1b', 'bastions']}).map((p) => p.name)).toEqual(['bastions', 'nodes-fake-1b']);
    expect(planGroups(bundle(), cloud, {instanceGroupRoles: ['Node']}).map((p) => p.name)).toEqual(['nodes-fake-1a', 'nodes-fake-1b']);
  });

  it('refuses unknown group names, naming them', () => {
    expect(() => planGroups(bundle(), cloud, {instanceGroups: ['nodes', 'nodes-fake-1a', 'gpu']})).toThrow(
      new NotFoundError('instance groups "nodes", "gpu" not found in cluster "roll.k8s.local"', 'list them with "kopsx get instancegroups"'),
    );
  });

  it('shows a group the cloud does not have yet with nothing to replace', () => {
    const [bastions] = planGroups(bundle(), []);
    expect(bastions).toMatchObject({name: 'bastions', status: 'Ready', needUpdate: 0, ready: 0, target: 0, instances: []});
  });
});
