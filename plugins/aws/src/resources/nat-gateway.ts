/**
 * NAT gateways: private subnets' way out. They take a while to become available and to go away, so create
 * waits for `available` (in `waitReady`) and delete waits for `deleted`, after which the Elastic IP and subnet
 * can go.
 */
import {CreateNatGatewayCommand, DeleteNatGatewayCommand, DescribeNatGatewaysCommand} from '@aws-sdk/client-ec2';
import type {NatGateway} from '@aws-sdk/client-ec2';
import type {HandlerContext, ResourceHandler} from '@kopsx/core';
import {classifyError} from '../errors.js';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';
import {waitFor} from './wait-for.js';

export function natGatewayHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  /** The gateway, or undefined once AWS has forgotten it. */
  async function describe(ctx: HandlerContext, id: string): Promise<NatGateway | undefined> {
    try {
      const out = await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [id]}), {abortSignal: ctx.signal});
      return out.NatGateways?.[0];
    } catch (error) {
      if (classifyError(error) === 'not-found') return undefined;
      throw error;
    }
  }

  return {
    kind: Kind.natGateway,
    replaceOn: ['subnetId', 'allocationId'],
    equal: looseEqual,

    async list(ctx) {
      // Deleted gateways stay visible for an hour: only live ones count.
      const filters = [...clusterFilter(ctx.clusterName), {Name: 'state', Values: ['pending', 'available']}];
      const gateways = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeNatGatewaysCommand({Filter: filters, NextToken}), {abortSignal: ctx.signal});
        return {items: out.NatGateways, next: out.NextToken};
      });
      return gateways.flatMap((gateway) => {
        const tags = visibleTags(gateway.Tags);
        const id = gateway.NatGatewayId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.natGateway) !== 'owned') return [];
        const properties = {subnetId: gateway.SubnetId, allocationId: gateway.NatGatewayAddresses?.[0]?.AllocationId, tags};
        return [observed({kind: Kind.natGateway, name: tags.Name ?? id, id, properties})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateNatGatewayCommand({
          SubnetId: p.string('subnetId'),
          AllocationId: p.string('allocationId'),
          TagSpecifications: tagSpecifications('natgateway', p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      const id = out.NatGateway?.NatGatewayId;
      if (!id) throw new Error(`CreateNatGateway for ${desired.name} returned no ID`);
      return observed({kind: Kind.natGateway, name: desired.name, id, properties: {...desired.properties}});
    },

    async waitReady(ctx, current) {
      await waitFor(
        async () => {
          const gateway = await describe(ctx, current.id);
          if (gateway?.State === 'failed') throw new Error(`NAT gateway ${current.id} failed: ${gateway.FailureMessage ?? 'no reason given'}`);
          return gateway?.State === 'available' ? true : undefined;
        },
        {what: `NAT gateway ${current.id} to become available`, signal: ctx.signal},
      );
      return current;
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteNatGatewayCommand({NatGatewayId: current.id}), {abortSignal: ctx.signal}));
      await waitFor(
        async () => {
          const state = (await describe(ctx, current.id))?.State;
          return state === undefined || state === 'deleted' ? true : undefined;
        },
        {what: `NAT gateway ${current.id} to be deleted`, signal: ctx.signal},
      );
    },
  };
}
