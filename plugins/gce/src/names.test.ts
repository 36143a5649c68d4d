import {describe, expect, it} from 'vitest';
import {clusterSlug, gceName, regionOfZone, sanitize, zoneLetter} from './names.js';

const GCE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

describe('names', () => {
  it('suffixes the cluster name and a hash that tells look-alike clusters apart', () => {
    const dotted = gceName('nodes', 'a.b.com');
    const dashed = gceName('nodes', 'a-b.com');
    expect(dotted).toMatch(/^nodes-a-b-com-[a-z0-9]{4}$/);
    expect(dashed).toMatch(/^nodes-a-b-com-[a-z0-9]{4}$/);
    expect(dotted).not.toBe(dashed);
    expect(clusterSlug('a.b.com')).not.toBe(clusterSlug('a-b.com'));
  });

  it('cuts long cluster names and long prefixes to Google\'s limits, keeping names unique', () => {
    const long = `${'x'.repeat(60)}.example.com`;
    const names = [
      gceName('control-plane-us-central1-a', long),
      gceName('control-plane-us-central1-a', `${long}.other`),
      gceName('n'.repeat(70), long),
      gceName('n'.repeat(70), `${long}.other`),
      gceName('control-plane', long, 30),
    ];
    for (const name of names) expect(name).toMatch(GCE_NAME);
    expect(new Set(names).size).toBe(names.length);
    expect(names[4]?.length).toBeLessThanOrEqual(30);
    expect(clusterSlug(long).length).toBeLessThanOrEqual(63);
  });

  it('reads regions and zone letters from zone names', () => {
    expect(regionOfZone('us-central1-a')).toBe('us-central1');
    expect(regionOfZone('europe-west1-b')).toBe('europe-west1');
    expect(regionOfZone('us-central1')).toBeUndefined();
    expect(regionOfZone('us-east-1a')).toBeUndefined();
    expect(zoneLetter('us-central1-f')).toBe('f');
    expect(sanitize('Dev..Example.com-')).toBe('dev-example-com');
  });
});
