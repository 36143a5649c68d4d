import {NotFoundError} from '../errors.js';
import type {ClusterBundle, InstanceGroup} from '../model/index.js';

/**
 * What a machine does at boot. The first control plane creates the cluster (`kubeadm init`) and is the only
 * one given the CA keys; the others join it.
 */
export type BootstrapRole = 'first-control-plane' | 'control-plane' | 'node' | 'bastion';

/**
 * The control-plane group whose machine runs `kubeadm init`: the first by name in code-point order (the same on
 * every machine and locale), e.g. `control-plane-eu-west-1a` of three. Undefined when there is none.
 */
export function firstControlPlaneGroup(bundle: ClusterBundle): InstanceGroup | undefined {
  const names = bundle.instanceGroups.filter((ig) => ig.spec.role === 'ControlPlane').map((ig) => ig.metadata.name);
  const first = names.sort()[0];
  return bundle.instanceGroups.find((ig) => ig.metadata.name === first);
}

export function bootstrapRoleOf(bundle: ClusterBundle, groupName: string): {group: InstanceGroup; role: BootstrapRole} {
  const group = bundle.instanceGroups.find((ig) => ig.metadata.name === groupName);
  if (!group) {
    throw new NotFoundError(
      `instance group "${groupName}" is not part of cluster "${bundle.cluster.metadata.name}"`,
      'list the groups with `kopsx get instancegroups`',
    );
  }
  switch (group.spec.role) {
    case 'Bastion':
      return {group, role: 'bastion'};
    case 'Node':
      return {group, role: 'node'};
    case 'ControlPlane':
      return {group, role: firstControlPlaneGroup(bundle) === group ? 'first-control-plane' : 'control-plane'};
  }
}
