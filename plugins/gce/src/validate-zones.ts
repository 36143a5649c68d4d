/**
 * Zone checks that need no Google call: well-formed names, one region per cluster, and for the common regions
 * the zones that exist. Subnets of GCE clusters may name a region instead of a zone (kOps writes
 * `region: us-central1`), so region names are accepted too. Regions missing from the table are accepted as
 * long as the names are well formed: Google adds regions faster than this table changes.
 */
import type {FieldProblem} from '@kopsx/core';
import {regionOfZone} from './names.js';

const KNOWN_ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-central1': 'abcf',
  'us-east1': 'bcd',
  'us-east4': 'abc',
  'us-east5': 'abc',
  'us-south1': 'abc',
  'us-west1': 'abc',
  'us-west2': 'abc',
  'us-west3': 'abc',
  'us-west4': 'abc',
  'northamerica-northeast1': 'abc',
  'southamerica-east1': 'abc',
  'europe-west1': 'bcd',
  'europe-west2': 'abc',
  'europe-west3': 'abc',
  'europe-west4': 'abc',
  'europe-west6': 'abc',
  'europe-north1': 'abc',
  'europe-central2': 'abc',
  'asia-east1': 'abc',
  'asia-east2': 'abc',
  'asia-northeast1': 'abc',
  'asia-northeast3': 'abc',
  'asia-south1': 'abc',
  'asia-southeast1': 'abc',
  'australia-southeast1': 'abc',
};

const REGION_NAME = /^[a-z]+-[a-z]+\d+$/;

export function validateZones(zones: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const regions = new Map<string, number>();
  zones.forEach((zone, index) => {
    const path = `zones[${index}]`;
    const isRegion = REGION_NAME.test(zone);
    const region = isRegion ? zone : regionOfZone(zone);
    if (!region) {
      problems.push({path, message: `"${zone}" is not a GCE zone or region`, hint: 'use a zone name such as us-central1-a'});
      return;
    }
    regions.set(region, (regions.get(region) ?? 0) + 1);
    const letters = KNOWN_ZONE_LETTERS[region];
    if (!letters || isRegion) return;
    const letter = zone.slice(region.length + 1);
    if (!letters.includes(letter)) {
      const known = [...letters].map((l) => `${region}-${l}`).join(', ');
      problems.push({path, message: `zone "${zone}" does not exist in ${region}`, hint: `use one of ${known}`});
    }
  });
  if (regions.size > 1) {
    const counts = [...regions].map(([region, count]) => `${region} (${count})`).join(', ');
    problems.push({path: 'zones', message: `zones span several regions: ${counts}`, hint: 'a cluster lives in one region: pick zones of a single region'});
  }
  return problems;
}
