import {validateBundle, ValidationError} from '@kopsx/core';
import type {ClusterBundle} from '@kopsx/core';
import {requireInstanceGroup} from './require-instance-group.js';

/**
 * Checks that the named instance groups exist and that the cluster is still valid without them (e.g. an
 * etcd member may not lose its control-plane group).
 */
export function checkInstanceGroupRemoval(bundle: ClusterBundle, names: readonly string[]): void {
  for (const name of names) requireInstanceGroup(bundle, name);
  const remaining: ClusterBundle = {...bundle, instanceGroups: bundle.instanceGroups.filter((ig) => !names.includes(ig.metadata.name))};
  const {problems} = validateBundle(remaining);
  if (problems.length > 0) {
    const without = names.map((n) => `"${n}"`).join(', ');
    throw new ValidationError(problems, `cluster "${bundle.cluster.metadata.name}" without instance group ${without}`);
  }
}
