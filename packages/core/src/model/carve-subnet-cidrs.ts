import {ValidationError} from '../errors.js';
import {cidrsOverlap, countSubCidrs, formatCidr, parseCidr, subCidr, type Cidr} from './cidr.js';
import type {ClusterSubnetSpec} from './types.js';

/** Smallest block we hand out: the smallest subnet common clouds accept. */
const SMALLEST_PREFIX = 28;

/**
 * Gives each subnet that has neither a CIDR nor an existing-subnet `id` a block of `networkCIDR`.
 *
 * Layout: the network is cut into 8 equal zone blocks (a /16 gives /19s). Zone block 0 is cut again into 8
 * utility blocks (/22s) for Utility subnets, which only hold load balancers, NAT gateways and bastions; blocks 1–7
 * hold Public, Private and DualStack subnets. Subnets are served in list order, each taking the lowest free block
 * of its kind; a block overlapping any CIDR already set is never used. Because block sizes do not depend on how
 * many subnets there are, adding a zone never moves the CIDR of an existing subnet.
 *
 * Returns the subnets unchanged when `networkCIDR` is absent or not a valid IPv4 CIDR (validation reports that).
 */
export function carveSubnetCidrs(subnets: readonly ClusterSubnetSpec[], networkCIDR: string | undefined): ClusterSubnetSpec[] {
  const network = networkCIDR === undefined ? undefined : parseCidr(networkCIDR);
  const needing = subnets.filter((s) => s.cidr === undefined && s.id === undefined);
  if (!network || network.family !== 4 || needing.length === 0) return [...subnets];

  const zonePrefix = network.prefix + 3;
  const utilityPrefix = network.prefix + 6;
  if (utilityPrefix > SMALLEST_PREFIX) {
    throw noRoom(`networkCIDR ${networkCIDR} is too small to carve subnets from`, 'use a /22 or larger network');
  }
  const taken: Cidr[] = subnets.flatMap((s) => {
    const cidr = s.cidr === undefined ? undefined : parseCidr(s.cidr);
    return cidr ? [cidr] : [];
  });
  const zoneBlocks = blocks(network, zonePrefix).slice(1);
  const utilityBlocks = blocks(subCidr(network, zonePrefix, 0), utilityPrefix);

  return subnets.map((subnet) => {
    if (subnet.cidr !== undefined || subnet.id !== undefined) return subnet;
    const [candidates, prefix] = subnet.type === 'Utility' ? [utilityBlocks, utilityPrefix] : [zoneBlocks, zonePrefix];
    const free = candidates.find((block) => !taken.some((t) => cidrsOverlap(t, block)));
    if (!free) {
      throw noRoom(
        `no free /${prefix} block left in networkCIDR ${networkCIDR} for subnet "${subnet.name}"`,
        'set spec.subnets[].cidr yourself, or use a larger networkCIDR',
      );
    }
    taken.push(free);
    return {...subnet, cidr: formatCidr(free)};
  });
}

function blocks(parent: Cidr, prefix: number): Cidr[] {
  return Array.from({length: countSubCidrs(parent, prefix)}, (_, i) => subCidr(parent, prefix, i));
}

function noRoom(message: string, hint: string): ValidationError {
  return new ValidationError([{path: 'spec.subnets', message, hint}]);
}
