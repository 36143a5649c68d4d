/**
 * Routes in the cluster's route tables. AWS gives routes neither an ID nor tags: a route is known by its table
 * and destination, and belongs to the cluster because its table does. Only routes kopsx could have made
 * (`CreateRoute`) are listed, never the table's `local` route. A new target (another NAT gateway) replaces the
 * route's target in one call, so the subnets never lose their way out.
 */
import {CreateRouteCommand, DeleteRouteCommand, ReplaceRouteCommand} from '@aws-sdk/client-ec2';
import type {ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {routeName} from '../model/network.js';
import type {AwsApi} from './aws-api.js';
import {clusterRouteTables} from './ec2-reads.js';
import {changed, ignoreNotFound, observed} from './observe.js';
import {read} from './read-properties.js';
import {ownedRouteTables} from './route-table.js';

export function routeHandler(api: AwsApi): ResourceHandler {
  const {ec2} = api.clients;
  return {
    kind: Kind.route,
    replaceOn: ['routeTableId', 'destinationCidrBlock'],
    // A table allows one route per destination.
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
      const input = routeInput(desired);
      await ec2.send(new CreateRouteCommand(input), {abortSignal: ctx.signal});
      const {RouteTableId, DestinationCidrBlock} = input;
      return observed({kind: Kind.route, name: desired.name, id: `${RouteTableId}_${DestinationCidrBlock}`, properties: {...desired.properties}});
    },

    async update(ctx, current, desired) {
      api.reads.invalidate();
      await ec2.send(new ReplaceRouteCommand(routeInput(desired)), {abortSignal: ctx.signal});
      return changed(current, {properties: desired.properties});
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

/** The parameters CreateRoute and ReplaceRoute share: the table, the destination and the one target. */
function routeInput(desired: ResolvedResource) {
  const p = read(desired);
  return {
    RouteTableId: p.string('routeTableId'),
    DestinationCidrBlock: p.string('destinationCidrBlock'),
    GatewayId: p.optionalString('gatewayId'),
    NatGatewayId: p.optionalString('natGatewayId'),
  };
}
