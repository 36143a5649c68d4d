/**
 * Internet gateways. The attachment to the VPC happens in `waitReady`, which the engine retries on its own after
 * a create or update: a create is one call, so retrying it never leaves a second gateway behind, and a crash
 * before the attachment shows as a difference the next run fixes.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DetachInternetGatewayCommand,
} from '@aws-sdk/client-ec2';
import type {HandlerContext, ResourceHandler} from '@kopsx/core';
import {classifyError} from '../errors.js';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function internetGatewayHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  const attach = (ctx: HandlerContext, id: string, vpcId: string) =>
    ec2.send(new AttachInternetGatewayCommand({InternetGatewayId: id, VpcId: vpcId}), {abortSignal: ctx.signal});
  /** A retried delete finds the gateway already detached, or gone. */
  async function detachIfAttached(ctx: HandlerContext, id: string, vpcId: string): Promise<void> {
    try {
      await ec2.send(new DetachInternetGatewayCommand({InternetGatewayId: id, VpcId: vpcId}), {abortSignal: ctx.signal});
    } catch (error) {
      if ((error as Error).name !== 'Gateway.NotAttached' && classifyError(error) !== 'not-found') throw error;
    }
  }

  return {
    kind: Kind.internetGateway,
    equal: looseEqual,

    async list(ctx) {
      const gateways = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeInternetGatewaysCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {
          abortSignal: ctx.signal,
        });
        return {items: out.InternetGateways, next: out.NextToken};
      });
      return gateways.flatMap((gateway) => {
        const tags = visibleTags(gateway.Tags);
        const id = gateway.InternetGatewayId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.internetGateway) !== 'owned') return [];
        const properties = {vpcId: gateway.Attachments?.[0]?.VpcId, tags};
        return [observed({kind: Kind.internetGateway, name: tags.Name ?? id, id, properties})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateInternetGatewayCommand({TagSpecifications: tagSpecifications('internet-gateway', p.record('tags'))}),
        {abortSignal: ctx.signal},
      );
      const id = out.InternetGateway?.InternetGatewayId;
      if (!id) throw new Error(`CreateInternetGateway for ${desired.name} returned no ID`);
      return observed({kind: Kind.internetGateway, name: desired.name, id, properties: {...desired.properties}});
    },

    async waitReady(ctx, current) {
      reads.invalidate();
      const vpcId = String(current.properties.vpcId);
      const out = await ec2.send(new DescribeInternetGatewaysCommand({InternetGatewayIds: [current.id]}), {abortSignal: ctx.signal});
      const attachedTo = out.InternetGateways?.[0]?.Attachments?.[0]?.VpcId;
      if (attachedTo !== vpcId) await attach(ctx, current.id, vpcId);
      return current;
    },

    async update(ctx, current, desired, changes) {
      reads.invalidate();
      const before = current.properties;
      for (const {field} of changes) {
        // waitReady attaches the gateway to its new VPC.
        if (field === 'vpcId' && typeof before.vpcId === 'string') await detachIfAttached(ctx, current.id, before.vpcId);
        if (field === 'tags') await updateTags(ec2, ctx, current, desired);
      }
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      const vpcId = current.properties.vpcId;
      if (typeof vpcId === 'string') await detachIfAttached(ctx, current.id, vpcId);
      await ignoreNotFound(() => ec2.send(new DeleteInternetGatewayCommand({InternetGatewayId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
