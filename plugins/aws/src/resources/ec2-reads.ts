/** EC2 listings that several kinds read: subnets (subnets, associations) and route tables (tables, routes, associations). */
import {DescribeRouteTablesCommand, DescribeSubnetsCommand} from '@aws-sdk/client-ec2';
import type {RouteTable, Subnet} from '@aws-sdk/client-ec2';
import type {HandlerContext} from '@kopsx/core';
import type {AwsApi} from './aws-api.js';
import {clusterFilter} from './ec2-tags.js';
import {allPages} from './paging.js';

export function clusterSubnets({clients: {ec2}, reads}: AwsApi, ctx: HandlerContext): Promise<Subnet[]> {
  return reads.read(ctx, 'subnets', () =>
    allPages(async (NextToken) => {
      const out = await ec2.send(new DescribeSubnetsCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {abortSignal: ctx.signal});
      return {items: out.Subnets, next: out.NextToken};
    }),
  );
}

export function clusterRouteTables({clients: {ec2}, reads}: AwsApi, ctx: HandlerContext): Promise<RouteTable[]> {
  return reads.read(ctx, 'route-tables', () =>
    allPages(async (NextToken) => {
      const out = await ec2.send(new DescribeRouteTablesCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {
        abortSignal: ctx.signal,
      });
      return {items: out.RouteTables, next: out.NextToken};
    }),
  );
}
