import {isIPv4, isIPv6} from 'node:net';

/** An IPv4 or IPv6 block. Addresses are bigints so that both families share one arithmetic. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

const BITS = {4: 32, 6: 128} as const;

/** Parses `a.b.c.d/n` or `x:y::z/n`; undefined when the text is not a CIDR (a bare address is not one). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (isIPv4(ip)) {
    return prefix <= 32 ? {family: 4, address: ipv4ToBigint(ip), prefix} : undefined;
  }
  if (isIPv6(ip) && !ip.includes('.')) {
    return prefix <= 128 ? {family: 6, address: ipv6ToBigint(ip), prefix} : undefined;
  }
  return undefined;
}

export function formatCidr(cidr: Cidr): string {
  const ip = cidr.family === 4 ? bigintToIpv4(cidr.address) : bigintToIpv6(cidr.address);
  return `${ip}/${cidr.prefix}`;
}

/** The block with its host bits cleared: `10.0.0.7/16` → `10.0.0.0/16`. */
export function networkOf(cidr: Cidr): Cidr {
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefix);
  return {...cidr, address: (cidr.address >> hostBits) << hostBits};
}

/** True when no host bits are set, i.e. the text names a block exactly. */
export function isNetworkAddress(cidr: Cidr): boolean {
  return networkOf(cidr).address === cidr.address;
}

function lastAddress(cidr: Cidr): bigint {
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefix);
  return networkOf(cidr).address + (1n << hostBits) - 1n;
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    networkOf(outer).address <= networkOf(inner).address &&
    lastAddress(inner) <= lastAddress(outer)
  );
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return (
    a.family === b.family &&
    networkOf(a).address <= lastAddress(b) &&
    networkOf(b).address <= lastAddress(a)
  );
}

/** The `index`-th block of size `/prefix` inside `parent` (index 0 is the lowest). */
export function subCidr(parent: Cidr, prefix: number, index: number): Cidr {
  const size = 1n << BigInt(BITS[parent.family] - prefix);
  return {family: parent.family, address: networkOf(parent).address + size * BigInt(index), prefix};
}

/** How many `/prefix` blocks fit in `parent`. */
export function countSubCidrs(parent: Cidr, prefix: number): number {
  return 2 ** (prefix - parent.prefix);
}

function ipv4ToBigint(ip: string): bigint {
  return ip.split('.').reduce((value, octet) => (value << 8n) + BigInt(Number(octet)), 0n);
}

function bigintToIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function ipv6ToBigint(ip: string): bigint {
  const [head = '', tail] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((value, group) => (value << 16n) + BigInt(`0x${group}`), 0n);
}

/** Shortest conventional form: lowercase hex, the longest run of zero groups written as `::`. */
function bigintToIpv6(value: bigint): string {
  const groups = Array.from({length: 8}, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
