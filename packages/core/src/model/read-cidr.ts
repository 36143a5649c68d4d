import type {FieldProblem} from '../errors.js';
import {formatCidr, isNetworkAddress, networkOf, parseCidr, type Cidr} from './cidr.js';

export interface ReadCidrOptions {
  /** Accept IPv6 as well as IPv4 (access lists, Kubernetes ranges). */
  readonly allowIpv6?: boolean;
}

/**
 * Parses a CIDR found at `path` in a spec, recording a problem (with the likely intended value as hint) when it
 * is not a block of the accepted families. Returns undefined when a problem was recorded.
 */
export function readCidr(path: string, text: string, problems: FieldProblem[], options: ReadCidrOptions = {}): Cidr | undefined {
  const cidr = parseCidr(text);
  if (!cidr) {
    const bare = !text.includes('/');
    problems.push({
      path,
      message: `"${text}" is not a CIDR`,
      hint: bare
        ? `add the prefix length, e.g. ${text}/${text.includes(':') ? 128 : 32}`
        : 'write an address and a prefix length, e.g. 10.0.0.0/16',
    });
    return undefined;
  }
  if (cidr.family === 6 && !options.allowIpv6) {
    problems.push({path, message: `"${text}" is IPv6; this field takes IPv4 only`});
    return undefined;
  }
  if (!isNetworkAddress(cidr)) {
    problems.push({
      path,
      message: `"${text}" has bits set beyond its /${cidr.prefix} prefix`,
      hint: `did you mean ${formatCidr(networkOf(cidr))}?`,
    });
    return undefined;
  }
  return cidr;
}
