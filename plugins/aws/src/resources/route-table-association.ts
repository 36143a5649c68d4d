/**
 * Which route table a subnet uses. Associations have no tags: one is the cluster's when its table is, and it is
 * named after its subnet (a subnet has one association), so only associations of the cluster's subnets count.
 */
import {AssociateRouteTableCommand, DisassociateRouteTableCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterRouteTables, clusterSubnets} from './ec2-reads.js';
import {ignoreNotFound, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';
import {ownedRouteTables} from './route-table.js';

export function routeTableAssociationHandler(api: AwsApi): ResourceHandler {
  const {ec2} = api.clients;
  return {
    kind: Kind.routeTableAssociation,
    // A subnet has one association at a time.
    deleteBeforeReplace: true,

    async list(ctx) {
      const [tables, subnets] = await Promise.all([clusterRouteTables(api, ctx), clusterSubnets(api, ctx)]);
      const subnetNames = new Map<string, string>();
      for (const subnet of subnets) {
        const tags = visibleTags(subnet.Tags);
        const lifecycle = ownershipOf(tags, ctx.clusterName, Kind.subnet);
        if (subnet.SubnetId && lifecycle) subnetNames.set(subnet.SubnetId, lifecycle === 'owned' ? (tags.Name ?? subnet.SubnetId) : subnet.SubnetId);
      }
      return ownedRouteTables(tables, ctx.clusterName).flatMap(({table, id: routeTableId}) =>
        (table.Associations ?? []).flatMap((association) => {
          const {SubnetId: subnetId, RouteTableAssociationId: id} = association;
          const name = subnetId ? subnetNames.get(subnetId) : undefined;
          if (!id || !subnetId || !name || association.Main) return [];
          return [observed({kind: Kind.routeTableAssociation, name, id, properties: {subnetId, routeTableId}})];
        }),
      );
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(new AssociateRouteTableCommand({SubnetId: p.string('subnetId'), RouteTableId: p.string('routeTableId')}), {
        abortSignal: ctx.signal,
      });
      const id = out.AssociationId;
      if (!id) throw new Error(`AssociateRouteTable for ${desired.name} returned no association ID`);
      return observed({kind: Kind.routeTableAssociation, name: desired.name, id, properties: {...desired.properties}});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DisassociateRouteTableCommand({AssociationId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
