/**
 * Routes in the cluster's route tables. AWS gives routes neither an ID nor tags: a route is known by its table
 * and destination, and belongs to the cluster because its table does. Only routes kopsx could have made
 * (`CreateRoute`) are listed, never the table's `local` route.
 */
import {CreateRouteCommand, DeleteRouteCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {routeName} from '../model/network.js';
import type {AwsApi} from './aws-api.js';
import {clusterRouteTables} from './ec2-reads.js';
import {ignoreNotFound, observed} from './observe.js';
import {read} from './read-properties.js';
import {ownedRouteTables} from './route-table.js';

export function routeHandler(api: AwsApi): ResourceHandler {
  const {ec2} = api.clients;
  return {
    kind: Kind.route,
    // A changed route is deleted and created again: it holds nothing worth keeping, and a table allows one
    // route per destination.
    deleteBeforeReplace: true,

    async list(ctx) {
      const tables = ownedRouteTables(await clusterRouteTables(api, ctx), ctx.clusterName);
      return tables.flatMap(({table, name, id}) =>
        (table.Routes ?? [])
          .filter((route) => route.Origin === 'CreateRoute' && route.DestinationCidrBlock)
          .map((route) => {
            const destination = route.DestinationCidrBlock ?? '';
            const properties = {
              routeTableId: id,
              destinationCidrBlock: destination,
              gatewayId: route.GatewayId,
              natGatewayId: route.NatGatewayId,
            };
            return observed({kind: Kind.route, name: routeName(name, destination), id: `${id}_${destination}`, properties});
          }),
      );
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const routeTableId = p.string('routeTableId');
      const destination = p.string('destinationCidrBlock');
      await ec2.send(
        new CreateRouteCommand({
          RouteTableId: routeTableId,
          DestinationCidrBlock: destination,
          GatewayId: p.optionalString('gatewayId'),
          NatGatewayId: p.optionalString('natGatewayId'),
        }),
        {abortSignal: ctx.signal},
      );
      return observed({kind: Kind.route, name: desired.name, id: `${routeTableId}_${destination}`, properties: {...desired.properties}});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      const {routeTableId, destinationCidrBlock} = current.properties as {routeTableId: string; destinationCidrBlock: string};
      await ignoreNotFound(() =>
        ec2.send(new DeleteRouteCommand({RouteTableId: routeTableId, DestinationCidrBlock: destinationCidrBlock}), {abortSignal: ctx.signal}),
      );
    },
  };
}
