import {cloudOf} from '@kopsx/core';
import type {Cluster, ClusterBundle, ClusterSubnetSpec, InstanceGroup} from '@kopsx/core';
import {renderTable} from './render-table.js';

/** `NAME CLOUD ZONES`, one row per cluster, as `kops get clusters` prints it. */
export function clustersTable(clusters: readonly Cluster[]): string {
  return renderTable(
    ['name', 'cloud', 'zones'],
    clusters.map((c) => [c.metadata.name, cloudOf(c), unique(c.spec.subnets.map(placeOf)).join(',')]),
  );
}

/**
 * `NAME ROLE MACHINETYPE MIN MAX ZONES`, one row per instance group. Zones come from the subnets the group
 * runs in; a group whose subnets name no zone shows its subnets instead, like kOps does.
 */
export function instanceGroupsTable(bundle: ClusterBundle): string {
  const zoneOfSubnet = new Map(bundle.cluster.spec.subnets.map((s) => [s.name, placeOf(s)]));
  const placement = (ig: InstanceGroup): string => {
    const zones = ig.spec.zones ?? ig.spec.subnets.map((s) => zoneOfSubnet.get(s) ?? s);
    return unique(zones).join(',');
  };
  return renderTable(
    ['name', 'role', 'machinetype', 'min', 'max', 'zones'],
    bundle.instanceGroups.map((ig) => [
      ig.metadata.name,
      ig.spec.role,
      ig.spec.machineType ?? '-',
      String(ig.spec.minSize),
      String(ig.spec.maxSize),
      placement(ig),
    ]),
  );
}

/** Where a subnet is: its zone, or its region for subnets that span one. */
function placeOf(subnet: ClusterSubnetSpec): string {
  return subnet.zone ?? subnet.region ?? subnet.name;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
