/** The one AWS region a cluster lives in, named by its subnets' zones. */
import {ValidationError} from '@kopsx/core';
import type {ClusterBundle} from '@kopsx/core';
import {regionOfZone} from './names.js';

/** Undefined when no subnet names an AWS zone (an incomplete spec); a ValidationError when they disagree. */
export function regionOfCluster(bundle: ClusterBundle): string | undefined {
  const zones = bundle.cluster.spec.subnets.flatMap((subnet) => (subnet.zone ? [subnet.zone] : []));
  const regions = [...new Set(zones.flatMap((zone) => regionOfZone(zone) ?? []))];
  if (regions.length > 1) {
    throw new ValidationError([
      {path: 'spec.subnets', message: `zones span several regions: ${regions.join(', ')}`, hint: 'a cluster lives in one region: pick zones of a single region'},
    ]);
  }
  return regions[0];
}
