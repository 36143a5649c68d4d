import type {FieldProblem} from '../errors.js';
import {REQUIRED_ETCD_CLUSTERS} from './etcd-clusters.js';
import type {ClusterBundle} from './types.js';

/**
 * etcd runs on the control plane: `main` and `events` must exist, every member sits on its own control-plane
 * instance group, and a cluster has an odd number of members (an even one tolerates no more failures than the
 * odd number below it, and two halves can deadlock).
 */
export function etcdProblems({cluster, instanceGroups}: ClusterBundle): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const {etcdClusters} = cluster.spec;
  for (const name of REQUIRED_ETCD_CLUSTERS) {
    if (!etcdClusters.some((c) => c.name === name)) {
      problems.push({
        path: 'spec.etcdClusters',
        message: `has no "${name}" cluster`,
        hint: 'kopsx fills both main and events when etcdClusters is left out',
      });
    }
  }
  const roles = new Map(instanceGroups.map((ig) => [ig.metadata.name, ig.spec.role]));
  etcdClusters.forEach((etcd, i) => {
    const path = `spec.etcdClusters[${i}]`;
    if (etcdClusters.findIndex((c) => c.name === etcd.name) !== i) {
      problems.push({path: `${path}.name`, message: `"${etcd.name}" is defined more than once`});
    }
    const count = etcd.etcdMembers.length;
    if (count === 0) {
      problems.push({
        path: `${path}.etcdMembers`,
        message: 'is empty',
        hint: 'add one member per control-plane instance group, or leave it out to have it filled',
      });
    } else if (count % 2 === 0) {
      problems.push({
        path: `${path}.etcdMembers`,
        message: `has ${count} members; etcd needs an odd number to keep quorum`,
        hint: 'use 1, 3 or 5 members, one per control-plane instance group',
      });
    }
    const memberNames = new Set<string>();
    const groups = new Set<string>();
    etcd.etcdMembers.forEach((member, j) => {
      const memberPath = `${path}.etcdMembers[${j}]`;
      if (memberNames.has(member.name)) {
        problems.push({
          path: `${memberPath}.name`,
          message: `"${member.name}" is used by another member`,
        });
      }
      memberNames.add(member.name);
      const role = roles.get(member.instanceGroup);
      if (role === undefined) {
        problems.push({
          path: `${memberPath}.instanceGroup`,
          message: `"${member.instanceGroup}" is not an instance group of the cluster`,
          hint: `use one of the control-plane groups: ${controlPlanes(roles).join(', ') || '(none)'}`,
        });
      } else if (role !== 'ControlPlane') {
        problems.push({
          path: `${memberPath}.instanceGroup`,
          message: `"${member.instanceGroup}" has role ${role}; etcd members run on ControlPlane groups`,
        });
      } else if (groups.has(member.instanceGroup)) {
        problems.push({
          path: `${memberPath}.instanceGroup`,
          message: `"${member.instanceGroup}" already holds a member of this etcd cluster`,
        });
      }
      groups.add(member.instanceGroup);
    });
  });
  return problems;
}

function controlPlanes(roles: ReadonlyMap<string, string>): string[] {
  return [...roles].filter(([, role]) => role === 'ControlPlane').map(([name]) => name);
}
