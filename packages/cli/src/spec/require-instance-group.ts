import {NotFoundError} from '@kopsx/core';
import type {ClusterBundle, InstanceGroup} from '@kopsx/core';

/** The named instance group of a stored cluster, or a NotFoundError telling how to list the real ones. */
export function requireInstanceGroup(bundle: ClusterBundle, name: string): InstanceGroup {
  const found = bundle.instanceGroups.find((ig) => ig.metadata.name === name);
  if (found) return found;
  const clusterName = bundle.cluster.metadata.name;
  throw new NotFoundError(
    `instance group "${name}" not found in cluster "${clusterName}"`,
    `list them with "kopsx get instancegroups --name ${clusterName}"`,
  );
}
