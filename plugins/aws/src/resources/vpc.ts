/**
 * VPCs: found by tag. DNS hostnames (which private DNS zones and instance names rely on) are set in `waitReady`,
 * which the engine runs and retries on its own after a create or update: a create is one call, so retrying it
 * can never leave a second VPC behind.
 */
import {
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import type {Vpc} from '@aws-sdk/client-ec2';
import type {HandlerContext, ObservedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function vpcHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  async function dnsHostnames(ctx: HandlerContext, vpcId: string): Promise<boolean> {
    const out = await ec2.send(new DescribeVpcAttributeCommand({VpcId: vpcId, Attribute: 'enableDnsHostnames'}), {abortSignal: ctx.signal});
    return out.EnableDnsHostnames?.Value ?? false;
  }

  async function setDnsHostnames(ctx: HandlerContext, vpcId: string, value: boolean): Promise<void> {
    await ec2.send(new ModifyVpcAttributeCommand({VpcId: vpcId, EnableDnsHostnames: {Value: value}}), {abortSignal: ctx.signal});
  }

  async function toObserved(ctx: HandlerContext, vpc: Vpc): Promise<ObservedResource | undefined> {
    const tags = visibleTags(vpc.Tags);
    const lifecycle = ownershipOf(tags, ctx.clusterName, Kind.vpc);
    if (!lifecycle || !vpc.VpcId) return undefined;
    const id = vpc.VpcId;
    if (lifecycle === 'shared') return observed({kind: Kind.vpc, name: id, id, lifecycle, properties: {cidrBlock: vpc.CidrBlock}});
    const properties = {cidrBlock: vpc.CidrBlock, enableDnsHostnames: await dnsHostnames(ctx, id), tags};
    return observed({kind: Kind.vpc, name: tags.Name ?? id, id, properties});
  }

  return {
    kind: Kind.vpc,
    replaceOn: ['cidrBlock'],
    equal: looseEqual,

    async list(ctx) {
      const vpcs = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeVpcsCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {abortSignal: ctx.signal});
        return {items: out.Vpcs, next: out.NextToken};
      });
      const found = await Promise.all(vpcs.map((vpc) => toObserved(ctx, vpc)));
      return found.filter((vpc) => vpc !== undefined);
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateVpcCommand({CidrBlock: p.string('cidrBlock'), TagSpecifications: tagSpecifications('vpc', p.record('tags'))}),
        {abortSignal: ctx.signal},
      );
      const id = out.Vpc?.VpcId;
      if (!id) throw new Error(`CreateVpc for ${desired.name} returned no VPC ID`);
      return observed({kind: Kind.vpc, name: desired.name, id, properties: {...desired.properties}});
    },

    async waitReady(ctx, current) {
      reads.invalidate();
      await setDnsHostnames(ctx, current.id, current.properties.enableDnsHostnames === true);
      return current;
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteVpcCommand({VpcId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
