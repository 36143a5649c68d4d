import type {CloudDefaults, ClusterBundle, InstanceGroupRole} from '@kopsx/core';

/**
 * The bundle with the machine types and image the user left empty taken from the cloud's provider, as kOps
 * writes them into the spec: the stored cluster (and a dry run's manifest) then says what will run, and a
 * later change of the provider's defaults does not silently change existing clusters.
 */
export function fillCloudDefaults(bundle: ClusterBundle, defaults: CloudDefaults): ClusterBundle {
  const machineTypes: Record<InstanceGroupRole, string> = {
    ControlPlane: defaults.controlPlaneMachineType,
    Node: defaults.nodeMachineType,
    Bastion: defaults.bastionMachineType,
  };
  return {
    cluster: bundle.cluster,
    instanceGroups: bundle.instanceGroups.map((ig) => ({
      ...ig,
      spec: {...ig.spec, machineType: ig.spec.machineType ?? machineTypes[ig.spec.role], image: ig.spec.image ?? defaults.image},
    })),
  };
}
