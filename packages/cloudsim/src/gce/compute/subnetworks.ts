import {cidrContains, cidrsOverlap, hostAddress, parseCidr, type Cidr} from '../../aws/ec2/cidr.js';
import {records, str, strings, type Json} from '../json.js';
import {GoogleApiError, invalidField, requiredField} from '../wire/google-error.js';
import type {ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {resolveReference} from './references.js';

/** Subnetworks: one IPv4 range per region and network, no overlap with the network's other ranges. */
export const subnetworks: ResourceFamily = {
  collection: 'subnetworks',
  kind: 'compute#subnetwork',
  typeName: 'subnetwork',
  scopes: ['region'],
  inUseBy: ['instances', 'forwardingRules', 'routers', 'addresses'],

  create(input, ctx) {
    if (input.network === undefined) throw requiredField('resource.network');
    const network = resolveReference(ctx, input.network, {field: 'resource.network', collection: 'networks'});
    if (input.ipCidrRange === undefined) throw requiredField('resource.ipCidrRange');
    const cidr = subnetRange(input.ipCidrRange, 'resource.ipCidrRange');
    const secondaryIpRanges = secondaryRanges(input.secondaryIpRanges);
    checkNoOverlap(ctx, network.selfLink, [cidr, ...secondaryIpRanges.map((range) => range.cidr)], undefined);
    return {
      ...ctx.base,
      network: network.selfLink,
      ipCidrRange: input.ipCidrRange,
      gatewayAddress: hostAddress(cidr, 1),
      ...(secondaryIpRanges.length > 0 ? {secondaryIpRanges: secondaryIpRanges.map((range) => range.json)} : {}),
      privateIpGoogleAccess: input.privateIpGoogleAccess === true,
      stackType: 'IPV4_ONLY',
      purpose: str(input.purpose) ?? 'PRIVATE',
      fingerprint: '',
    };
  },

  afterInsert(subnetwork, ctx) {
    const network = ctx.state.compute.byLink(subnetwork.body.network);
    if (network) network.body.subnetworks = [...strings(network.body.subnetworks), subnetwork.selfLink];
  },

  beforeDelete(subnetwork, ctx) {
    const network = ctx.state.compute.byLink(subnetwork.body.network);
    if (network) network.body.subnetworks = strings(network.body.subnetworks).filter((link) => link !== subnetwork.selfLink);
  },

  /** Google requires the current fingerprint on every subnetwork patch. */
  patch(subnetwork, input, ctx) {
    if (input.fingerprint === undefined) throw requiredField('resource.fingerprint');
    if (typeof input.privateIpGoogleAccess === 'boolean') subnetwork.body.privateIpGoogleAccess = input.privateIpGoogleAccess;
    if (typeof input.description === 'string') subnetwork.body.description = input.description;
    if (input.secondaryIpRanges !== undefined) {
      const ranges = secondaryRanges(input.secondaryIpRanges);
      checkNoOverlap(ctx, String(subnetwork.body.network), ranges.map((range) => range.cidr), subnetwork);
      subnetwork.body.secondaryIpRanges = ranges.map((range) => range.json);
    }
  },

  methods: {
    setPrivateIpGoogleAccess: {
      mutating: true,
      run(subnetwork, call) {
        subnetwork.body.privateIpGoogleAccess = call.body.privateIpGoogleAccess === true;
      },
    },
    expandIpCidrRange: {
      mutating: true,
      run(subnetwork, call) {
        const wider = subnetRange(call.body.ipCidrRange, 'ipCidrRange');
        const current = parseCidr(String(subnetwork.body.ipCidrRange)) as Cidr;
        if (!cidrContains(wider, current) || wider.prefix >= current.prefix) {
          throw invalidField('ipCidrRange', call.body.ipCidrRange, 'The new range must be larger than and contain the current one.');
        }
        checkNoOverlap(call, String(subnetwork.body.network), [wider], subnetwork);
        subnetwork.body.ipCidrRange = call.body.ipCidrRange;
      },
    },
  },
};

function subnetRange(value: unknown, field: string): Cidr {
  const cidr = typeof value === 'string' ? parseCidr(value) : undefined;
  if (!cidr) throw invalidField(field, value ?? '', 'Must be an IPv4 CIDR range such as 10.0.0.0/20.');
  if (cidr.prefix < 8 || cidr.prefix > 29) throw invalidField(field, value, 'The prefix length must be between /8 and /29.');
  return cidr;
}

function secondaryRanges(value: unknown): {readonly cidr: Cidr; readonly json: Json}[] {
  return records(value).map((range, index) => {
    const field = `resource.secondaryIpRanges[${index}]`;
    if (typeof range.rangeName !== 'string') throw requiredField(`${field}.rangeName`);
    return {cidr: subnetRange(range.ipCidrRange, `${field}.ipCidrRange`), json: {rangeName: range.rangeName, ipCidrRange: range.ipCidrRange}};
  });
}

/** Ranges in one network may not overlap, across all regions (primary and secondary ranges alike). */
function checkNoOverlap(ctx: ComputeContext, networkLink: string, ranges: readonly Cidr[], self: ComputeResource | undefined): void {
  for (const other of ctx.state.compute.all()) {
    if (other.collection !== 'subnetworks' || other === self || other.body.network !== networkLink) continue;
    const taken = [String(other.body.ipCidrRange), ...records(other.body.secondaryIpRanges).map((range) => String(range.ipCidrRange))];
    for (const text of taken) {
      const cidr = parseCidr(text) as Cidr;
      const clash = ranges.find((range) => cidrsOverlap(range, cidr));
      if (clash) {
        throw new GoogleApiError(400, 'invalid',
          `Invalid IPCidrRange: ${hostAddress(clash, 0)}/${clash.prefix} conflicts with existing subnetwork '${other.name}' in region '${other.scope.slice('regions/'.length)}'.`);
      }
    }
  }
  for (const [index, range] of ranges.entries()) {
    if (ranges.slice(index + 1).some((other) => cidrsOverlap(range, other))) {
      throw new GoogleApiError(400, 'invalid', `Invalid IPCidrRange: ${hostAddress(range, 0)}/${range.prefix} overlaps another range of the subnetwork.`);
    }
  }
}
