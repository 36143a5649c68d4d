import {describe, expect, it} from 'vitest';
import {cidrContains, cidrsOverlap, formatCidr, isNetworkAddress, networkOf, parseCidr, subCidr} from './cidr.js';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR: ${text}`);
  return parsed;
};

describe('cidr', () => {
  it('parses and formats IPv4 and IPv6 blocks', () => {
    for (const text of ['10.0.0.0/8', '0.0.0.0/0', '192.0.2.7/32', '::/0', '2001:db8::/32', 'fd00:5e4f:ce::/108', '2001:db8:0:1:0:0:0:1/128']) {
      const parsed = cidr(text);
      expect(parseCidr(formatCidr(parsed))).toEqual(parsed);
    }
    expect(formatCidr(cidr('2001:0db8:0000:0000:0000:0000:0000:0000/32'))).toBe('2001:db8::/32');
    expect(formatCidr(cidr('2001:db8:0:1:0:0:0:1/128'))).toBe('2001:db8:0:1::1/128');
  });

  it('rejects what is not a block', () => {
    for (const text of ['10.0.0.0', '10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', 'fd00::/129', 'x/8', '10.0.0.0/-1', '::ffff:1.2.3.4/128']) {
      expect(parseCidr(text)).toBeUndefined();
    }
  });

  it('tells network addresses from addresses with host bits', () => {
    expect(isNetworkAddress(cidr('10.1.0.0/16'))).toBe(true);
    expect(isNetworkAddress(cidr('10.1.2.0/16'))).toBe(false);
    expect(formatCidr(networkOf(cidr('10.1.2.3/16')))).toBe('10.1.0.0/16');
  });

  it('answers containment and overlap, never across families', () => {
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/24'), cidr('10.0.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
  });

  it('cuts a block into equal sub-blocks', () => {
    const network = cidr('172.20.0.0/16');
    expect([0, 1, 7].map((i) => formatCidr(subCidr(network, 19, i)))).toEqual(['172.20.0.0/19', '172.20.32.0/19', '172.20.224.0/19']);
  });
});
