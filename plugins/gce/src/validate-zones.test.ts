import {describe, expect, it} from 'vitest';
import {validateZones} from './validate-zones.js';

describe('validateZones', () => {
  it('accepts zones of one region, and the region itself', () => {
    expect(validateZones(['us-central1-a', 'us-central1-b', 'us-central1-f', 'us-central1'])).toEqual([]);
    expect(validateZones(['me-central2-a'])).toEqual([]);
  });

  it('names zones that do not exist, are not GCE zones, or span regions', () => {
    expect(validateZones(['us-central1-d', 'us-east-1a', 'europe-west1-b']).map((p) => [p.path, p.message])).toEqual([
      ['zones[0]', 'zone "us-central1-d" does not exist in us-central1'],
      ['zones[1]', '"us-east-1a" is not a GCE zone or region'],
      ['zones', 'zones span several regions: us-central1 (1), europe-west1 (1)'],
    ]);
  });
});
