import type {FieldProblem} from '../errors.js';
import {instanceGroupPath} from './instance-group-path.js';
import type {ClusterBundle} from './types.js';

const ZONE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** `<region ending in a digit><optional dash><one letter>`: us-east-1a, europe-west1-b. Other shapes name no region. */
const ZONAL = /^(.*\d)-?[a-z]$/;

export type ZoneValidator = (zones: string[]) => FieldProblem[];

/**
 * Checks the zones named by subnets and instance groups. A provider's `zoneValidator` knows its cloud's zones
 * and replaces the generic checks: names are well formed, and zones whose region can be read from the name
 * alone (a trailing zone letter after a digit) all share one region.
 */
export function zoneProblems(bundle: ClusterBundle, zoneValidator?: ZoneValidator): FieldProblem[] {
  const uses = zoneUses(bundle);
  if (zoneValidator) return zoneValidator([...new Set(uses.map((u) => u.zone))]);

  const problems: FieldProblem[] = [];
  let clusterRegion: {region: string; path: string} | undefined;
  for (const {zone, path, isRegion} of uses) {
    if (zone.length > 63 || !ZONE_NAME.test(zone)) {
      problems.push({
        path,
        message: `"${zone}" is not a well-formed ${isRegion ? 'region' : 'zone'} name`,
        hint: 'use lowercase letters, digits and dashes',
      });
      continue;
    }
    const region = isRegion ? zone : ZONAL.exec(zone)?.[1];
    if (region === undefined) continue;
    clusterRegion ??= {region, path};
    if (region !== clusterRegion.region) {
      problems.push({
        path,
        message: `"${zone}" is in region ${region}, but ${clusterRegion.path} is in ${clusterRegion.region}`,
        hint: 'a cluster lives in one region: pick all its zones from the same one',
      });
    }
  }
  return problems;
}

interface ZoneUse {
  readonly zone: string;
  readonly path: string;
  readonly isRegion: boolean;
}

function zoneUses({cluster, instanceGroups}: ClusterBundle): ZoneUse[] {
  return [
    ...cluster.spec.subnets.flatMap((s, i) => [
      ...(s.zone === undefined ? [] : [{zone: s.zone, path: `spec.subnets[${i}].zone`, isRegion: false}]),
      ...(s.region === undefined ? [] : [{zone: s.region, path: `spec.subnets[${i}].region`, isRegion: true}]),
    ]),
    ...instanceGroups.flatMap((ig) =>
      (ig.spec.zones ?? []).map((zone, j) => ({zone, path: instanceGroupPath(ig, `spec.zones[${j}]`), isRegion: false})),
    ),
  ];
}
