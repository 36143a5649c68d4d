/** The one GCE region a cluster lives in, named by its subnets (zonal or regional) and its groups' zones. */
import {ValidationError} from '@kopsx/core';
import type {ClusterBundle} from '@kopsx/core';
import {regionOfZone} from './names.js';

/** Undefined when nothing names a GCE zone or region (an incomplete spec); a ValidationError when they disagree. */
export function regionOfCluster(bundle: ClusterBundle): string | undefined {
  const named = [
    ...bundle.cluster.spec.subnets.flatMap((subnet) => [subnet.region, subnet.zone === undefined ? undefined : regionOfZone(subnet.zone)]),
    ...bundle.instanceGroups.flatMap((group) => (group.spec.zones ?? []).map(regionOfZone)),
  ];
  const regions = [...new Set(named.filter((region): region is string => region !== undefined && region !== ''))];
  if (regions.length > 1) {
    throw new ValidationError([
      {path: 'spec.subnets', message: `zones span several regions: ${regions.join(', ')}`, hint: 'a cluster lives in one region: pick zones of a single region'},
    ]);
  }
  return regions[0];
}
