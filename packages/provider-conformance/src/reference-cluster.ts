/** The cluster the suite builds, changes and deletes. */
import {buildCluster} from '@kopsx/core';
import type {CloudDefaults, ClusterBundle, InstanceGroupRole} from '@kopsx/core';

export const REFERENCE_CLUSTER_NAME = 'conformance.k8s.local';

/**
 * `cluster` (default: one control plane and one node per zone, without DNS) with the machine types and image
 * it leaves empty taken from the provider's defaults, as `kopsx create cluster` stores them.
 */
export function referenceCluster(options: {
  readonly cloud: string;
  readonly zones: readonly string[];
  readonly defaults: CloudDefaults;
  readonly cluster?: ClusterBundle;
}): ClusterBundle {
  const bundle = options.cluster ?? buildCluster({name: REFERENCE_CLUSTER_NAME, cloud: options.cloud, zones: [...options.zones]});
  const machineTypes: Record<InstanceGroupRole, string> = {
    ControlPlane: options.defaults.controlPlaneMachineType,
    Node: options.defaults.nodeMachineType,
    Bastion: options.defaults.bastionMachineType,
  };
  return {
    cluster: bundle.cluster,
    instanceGroups: bundle.instanceGroups.map((ig) => ({
      ...ig,
      spec: {...ig.spec, machineType: ig.spec.machineType ?? machineTypes[ig.spec.role], image: ig.spec.image ?? options.defaults.image},
    })),
  };
}
