/**
 * The network: a custom-mode VPC network (or the shared one `spec.networkID` names), one subnetwork per cluster
 * subnet, and for private subnets a Cloud Router with a Cloud NAT, which is how instances without external
 * addresses reach the internet. Shared subnetworks (given by `id`) are used as they are: their egress belongs to
 * whoever owns them.
 */
import {ValidationError} from '@kopsx/core';
import type {Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {partialLink} from '../links.js';
import type {ModelContext, ModelSubnet} from './model-context.js';

export function addNetwork(ctx: ModelContext): void {
  addVpcNetwork(ctx);
  for (const subnet of ctx.subnets) addSubnetwork(ctx, subnet);
  const natted = ctx.subnets.filter((s) => !s.shared && !isPublic(s) && s.spec.egress !== 'External');
  if (natted.length > 0) addCloudNat(ctx, natted.map((s) => s.link));
}

/** Public and utility subnets give their instances external addresses; private ones reach out through NAT. */
export function isPublic(subnet: ModelSubnet): boolean {
  return subnet.spec.type === 'Public' || subnet.spec.type === 'Utility';
}

function addVpcNetwork(ctx: ModelContext): void {
  const {networkID} = ctx.spec;
  if (networkID) {
    ctx.add(Kind.network, networkID, {}, {lifecycle: 'shared', id: partialLink('networks', networkID)});
    return;
  }
  // Custom mode: the cluster's subnetworks are the only ones, with the ranges the spec gives.
  ctx.add(Kind.network, ctx.named('network'), {autoCreateSubnetworks: false, routingMode: 'REGIONAL'});
}

function addSubnetwork(ctx: ModelContext, subnet: ModelSubnet): void {
  const {spec} = subnet;
  if (typeof subnet.link === 'string') {
    ctx.add(Kind.subnetwork, subnet.resourceName, {}, {lifecycle: 'shared', id: subnet.link});
    return;
  }
  if (!spec.cidr) {
    throw new ValidationError([{path: `spec.subnets[${subnet.index}].cidr`, message: 'is missing', hint: 'run completeCluster on the spec first'}]);
  }
  ctx.add(Kind.subnetwork, subnet.resourceName, {
    network: ctx.networkLink(),
    region: ctx.region,
    ipCidrRange: spec.cidr,
    // Instances without external addresses still reach Google's APIs (images, the state bucket).
    privateIpGoogleAccess: true,
  });
}

function addCloudNat(ctx: ModelContext, subnetworks: readonly (Ref | string)[]): void {
  const name = ctx.named('nat');
  const router = ctx.add(Kind.router, name, {network: ctx.networkLink(), region: ctx.region});
  ctx.add(Kind.routerNat, name, {
    router,
    region: ctx.region,
    sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
    subnetworks: [...subnetworks],
    natIpAllocateOption: 'AUTO_ONLY',
  });
}
