/**
 * Zone checks that need no AWS call: well-formed names, one region per cluster, and for the common regions the
 * zones that exist. Regions missing from the table are accepted as long as the names are well formed: AWS
 * adds regions faster than this table changes.
 */
import type {FieldProblem} from '@kopsx/core';
import {regionOfZone} from './names.js';

const KNOWN_ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'ap-south-1': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'sa-east-1': 'abc',
};

export function validateZones(zones: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const regions = new Map<string, number>();
  zones.forEach((zone, index) => {
    const path = `zones[${index}]`;
    const region = regionOfZone(zone);
    if (!region || !/^[a-z0-9-]+[a-z]$/.test(zone) || zone === region) {
      problems.push({path, message: `"${zone}" is not an AWS availability zone`, hint: 'use a zone name such as us-east-1a'});
      return;
    }
    regions.set(region, (regions.get(region) ?? 0) + 1);
    const letters = KNOWN_ZONE_LETTERS[region];
    const suffix = zone.slice(region.length);
    // Local and Wavelength zones (`us-west-2-lax-1a`) are per account: accept them when well formed.
    const isLocalZone = /^-[a-z]+-\d+[a-z]$/.test(suffix);
    if (letters && !isLocalZone && !(suffix.length === 1 && letters.includes(suffix))) {
      const known = [...letters].map((l) => `${region}${l}`).join(', ');
      problems.push({path, message: `zone "${zone}" does not exist in ${region}`, hint: `use one of ${known}`});
    }
  });
  if (regions.size > 1) {
    const counts = [...regions].map(([region, count]) => `${region} (${count})`).join(', ');
    problems.push({
      path: 'zones',
      message: `zones span several regions: ${counts}`,
      hint: 'a cluster lives in one region: pick zones of a single region',
    });
  }
  return problems;
}
