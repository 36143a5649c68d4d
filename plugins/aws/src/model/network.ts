/**
 * The network: VPC, internet gateway, subnets, route tables with their default routes and associations, and a
 * NAT gateway with its Elastic IP per zone that has private subnets. Shared subnets (given by ID) are used as
 * they are: their routing belongs to whoever owns them. A shared VPC (`spec.networkID`) is its logical name's
 * ID, like a shared subnet: kopsx never names them and several clusters may share them.
 */
import {ValidationError, ref} from '@kopsx/core';
import type {Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {ModelContext, ModelSubnet} from './model-context.js';

const ANYWHERE = '0.0.0.0/0';

export function addNetwork(ctx: ModelContext): void {
  addVpc(ctx);
  for (const subnet of ctx.subnets) addSubnet(ctx, subnet);
  const owned = ctx.subnets.filter((s) => !s.shared);
  const publicSubnets = owned.filter((s) => isPublic(s));
  if (publicSubnets.length > 0) addPublicRouting(ctx, publicSubnets);
  for (const zone of ctx.zones) {
    const privateSubnets = owned.filter((s) => s.zone === zone && !isPublic(s));
    if (privateSubnets.length > 0) addPrivateRouting(ctx, zone, privateSubnets);
  }
}

/** Public and utility subnets route to the internet gateway; private (and dual-stack) ones through NAT. */
export function isPublic(subnet: ModelSubnet): boolean {
  return subnet.spec.type === 'Public' || subnet.spec.type === 'Utility';
}

function addVpc(ctx: ModelContext): void {
  const {networkID, networkCIDR} = ctx.spec;
  if (networkID) {
    ctx.add(Kind.vpc, networkID, {}, {lifecycle: 'shared', id: networkID});
    return;
  }
  if (!networkCIDR) {
    throw new ValidationError([{path: 'spec.networkCIDR', message: 'is required unless spec.networkID names an existing VPC'}]);
  }
  // DNS hostnames, which instance names and private zones need, are always on: the VPC handler sets them.
  ctx.add(Kind.vpc, ctx.clusterName, {cidrBlock: networkCIDR});
}

function addSubnet(ctx: ModelContext, subnet: ModelSubnet): void {
  const {spec} = subnet;
  if (subnet.shared) {
    ctx.add(Kind.subnet, subnet.resourceName, {}, {lifecycle: 'shared', id: spec.id});
    return;
  }
  if (!spec.cidr) {
    throw new ValidationError([{path: `spec.subnets[${subnet.index}].cidr`, message: 'is missing', hint: 'run completeCluster on the spec first'}]);
  }
  // The role tags tell Kubernetes' load balancer integrations which subnets to place load balancers in.
  const roleTag = isPublic(subnet) ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
  ctx.add(
    Kind.subnet,
    subnet.resourceName,
    {vpcId: ctx.vpcId(), cidrBlock: spec.cidr, availabilityZone: subnet.zone},
    {tags: {SubnetType: spec.type, [roleTag]: '1'}},
  );
}

function addPublicRouting(ctx: ModelContext, subnets: readonly ModelSubnet[]): void {
  if (ctx.spec.networkID) {
    // Internet routing in a VPC kopsx does not own is its owner's business: kopsx would have to adopt their gateway.
    throw new ValidationError([
      {
        path: `spec.subnets[${subnets[0]?.index ?? 0}].id`,
        message: `with a shared VPC (spec.networkID) the ${subnets.map((s) => s.spec.name).join(', ')} subnets must be shared too`,
        hint: 'set the id of an existing Public/Utility subnet with its internet route, or let kopsx create the VPC',
      },
    ]);
  }
  const gatewayId = ctx.add(Kind.internetGateway, ctx.clusterName, {vpcId: ctx.vpcId()});
  const table = ctx.clusterName;
  const routeTableId = ctx.add(Kind.routeTable, table, {vpcId: ctx.vpcId()});
  ctx.add(Kind.route, routeName(table, ANYWHERE), {routeTableId, destinationCidrBlock: ANYWHERE, gatewayId});
  for (const subnet of subnets) associate(ctx, subnet, routeTableId);
}

function addPrivateRouting(ctx: ModelContext, zone: string, subnets: readonly ModelSubnet[]): void {
  const table = ctx.named(`private-${zone}`);
  const routeTableId = ctx.add(Kind.routeTable, table, {vpcId: ctx.vpcId()});
  const egress = subnets[0]?.spec.egress;
  if (egress !== 'External') {
    // `nat-...` names a NAT gateway the user runs; otherwise kopsx runs one per zone in its utility subnet.
    const natGatewayId = egress?.startsWith('nat-') ? egress : addNatGateway(ctx, zone);
    ctx.add(Kind.route, routeName(table, ANYWHERE), {routeTableId, destinationCidrBlock: ANYWHERE, natGatewayId});
  }
  for (const subnet of subnets) associate(ctx, subnet, routeTableId);
}

function addNatGateway(ctx: ModelContext, zone: string): Ref {
  const utility = ctx.subnets.find((s) => s.zone === zone && s.spec.type === 'Utility');
  if (!utility) {
    throw new ValidationError([
      {
        path: 'spec.subnets',
        message: `the private subnets in ${zone} need a Utility subnet in the same zone for their NAT gateway`,
        hint: `add a subnet of type Utility in ${zone}, or set egress on the private subnet`,
      },
    ]);
  }
  const name = ctx.named(zone);
  ctx.add(Kind.elasticIp, name, {domain: 'vpc'});
  return ctx.add(Kind.natGateway, name, {subnetId: utility.id, allocationId: ref(Kind.elasticIp, name)});
}

function associate(ctx: ModelContext, subnet: ModelSubnet, routeTableId: Ref): void {
  ctx.add(Kind.routeTableAssociation, subnet.resourceName, {subnetId: subnet.id, routeTableId});
}

/** Routes have no ID or tags in AWS: they are known by their table and destination. */
export function routeName(routeTableName: string, destination: string): string {
  return `${routeTableName}:${destination}`;
}
