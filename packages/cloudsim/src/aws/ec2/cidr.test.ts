import {describe, expect, it} from 'vitest';
import {cidrContains, cidrsOverlap, hostAddress, parseCidr} from './cidr.js';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR: ${text}`);
  return parsed;
};

describe('CIDR arithmetic', () => {
  it('parses network addresses and refuses host bits, bad octets and bad prefixes', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({base: 10 * 2 ** 24, prefix: 16});
    expect(parseCidr('10.0.0.1/16')).toBeUndefined();
    expect(parseCidr('10.0.300.0/24')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });

  it('tells containment and overlap apart', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/20'), cidr('10.0.15.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/20'), cidr('10.0.16.0/24'))).toBe(false);
  });

  it('hands out addresses within the range', () => {
    expect(hostAddress(cidr('172.20.32.0/19'), 4)).toBe('172.20.32.4');
    expect(hostAddress(cidr('172.20.32.0/19'), 300)).toBe('172.20.33.44');
  });
});
