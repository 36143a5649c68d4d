/** Terraform bodies of the network kinds. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {prop as p} from './terraform-refs.js';
import type {BodyRenderer} from './body-renderer.js';

export const networkBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.vpc]: (r) =>
    isShared(r)
      ? {id: r.id ?? r.name}
      : {cidr_block: p(r, 'cidrBlock'), enable_dns_hostnames: true, enable_dns_support: true, tags: p(r, 'tags')},
  [Kind.subnet]: (r) =>
    isShared(r)
      ? {id: r.id ?? r.name}
      : {vpc_id: p(r, 'vpcId'), cidr_block: p(r, 'cidrBlock'), availability_zone: p(r, 'availabilityZone'), tags: p(r, 'tags')},
  [Kind.internetGateway]: (r) => ({vpc_id: p(r, 'vpcId'), tags: p(r, 'tags')}),
  [Kind.routeTable]: (r) => ({vpc_id: p(r, 'vpcId'), tags: p(r, 'tags')}),
  [Kind.route]: (r) => ({
    route_table_id: p(r, 'routeTableId'),
    destination_cidr_block: p(r, 'destinationCidrBlock'),
    gateway_id: p(r, 'gatewayId'),
    nat_gateway_id: p(r, 'natGatewayId'),
  }),
  [Kind.routeTableAssociation]: (r) => ({subnet_id: p(r, 'subnetId'), route_table_id: p(r, 'routeTableId')}),
  [Kind.elasticIp]: (r) => ({domain: p(r, 'domain'), tags: p(r, 'tags')}),
  [Kind.natGateway]: (r) => ({allocation_id: p(r, 'allocationId'), subnet_id: p(r, 'subnetId'), tags: p(r, 'tags')}),
};

function isShared(r: DesiredResource): boolean {
  return r.lifecycle === 'shared';
}
