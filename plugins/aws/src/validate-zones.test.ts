import {describe, expect, it} from 'vitest';
import {validateZones} from './validate-zones.js';

describe('validateZones', () => {
  it('accepts zones of one region, including local zones and regions it does not know', () => {
    expect(validateZones(['us-east-1a', 'us-east-1f'])).toEqual([]);
    expect(validateZones(['us-west-2a', 'us-west-2-lax-1a'])).toEqual([]);
    expect(validateZones(['mx-central-1a', 'mx-central-1b'])).toEqual([]);
  });

  it('names a zone that does not exist in a known region and lists the ones that do', () => {
    expect(validateZones(['eu-west-1a', 'eu-west-1d'])).toEqual([
      {path: 'zones[1]', message: 'zone "eu-west-1d" does not exist in eu-west-1', hint: 'use one of eu-west-1a, eu-west-1b, eu-west-1c'},
    ]);
  });

  it('rejects names that are not zones, and zones of several regions', () => {
    const problems = validateZones(['us-east-1', 'us-east-1a', 'eu-west-1b']);
    expect(problems.map((p) => p.path)).toEqual(['zones[0]', 'zones']);
    expect(problems[0]?.message).toBe('"us-east-1" is not an AWS availability zone');
    expect(problems[1]?.message).toBe('zones span several regions: us-east-1 (1), eu-west-1 (1)');
  });
});
