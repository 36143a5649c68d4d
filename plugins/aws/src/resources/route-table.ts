/** Route tables: one public table for the cluster, one private table per zone. */
import {CreateRouteTableCommand, DeleteRouteTableCommand} from '@aws-sdk/client-ec2';
import type {RouteTable} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterRouteTables} from './ec2-reads.js';
import {tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';

/** The cluster's own route tables with their logical names: routes and associations are named after them. */
export function ownedRouteTables(tables: readonly RouteTable[], clusterName: string): {table: RouteTable; name: string; id: string}[] {
  return tables.flatMap((table) => {
    const tags = visibleTags(table.Tags);
    const id = table.RouteTableId;
    if (!id || ownershipOf(tags, clusterName, Kind.routeTable) !== 'owned') return [];
    return [{table, name: tags.Name ?? id, id}];
  });
}

export function routeTableHandler(api: AwsApi): ResourceHandler {
  const {ec2} = api.clients;
  return {
    kind: Kind.routeTable,
    replaceOn: ['vpcId'],
    equal: looseEqual,

    async list(ctx) {
      const tables = ownedRouteTables(await clusterRouteTables(api, ctx), ctx.clusterName);
      return tables.map(({table, name, id}) =>
        observed({kind: Kind.routeTable, name, id, properties: {vpcId: table.VpcId, tags: visibleTags(table.Tags)}}),
      );
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateRouteTableCommand({VpcId: p.string('vpcId'), TagSpecifications: tagSpecifications('route-table', p.record('tags'))}),
        {abortSignal: ctx.signal},
      );
      const id = out.RouteTable?.RouteTableId;
      if (!id) throw new Error(`CreateRouteTable for ${desired.name} returned no ID`);
      return observed({kind: Kind.routeTable, name: desired.name, id, properties: {...desired.properties}});
    },

    async update(ctx, current, desired) {
      api.reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteRouteTableCommand({RouteTableId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
