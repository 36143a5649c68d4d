/**
 * VPCs: found by tag. DNS hostnames (which instance names and private DNS zones rely on) are always turned on,
 * in `waitReady`, which the engine runs and retries on its own after a create or update: a create is one call,
 * so retrying it can never leave a second VPC behind. Discovery does not read the setting back (a call per
 * VPC): a VPC whose DNS hostnames were turned off by hand is put right by the next change to the VPC.
 */
import {CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function vpcHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.vpc,
    replaceOn: ['cidrBlock'],
    equal: looseEqual,

    async list(ctx) {
      const vpcs = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeVpcsCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {abortSignal: ctx.signal});
        return {items: out.Vpcs, next: out.NextToken};
      });
      return vpcs.flatMap((vpc) => {
        const tags = visibleTags(vpc.Tags);
        const lifecycle = ownershipOf(tags, ctx.clusterName, Kind.vpc);
        const id = vpc.VpcId;
        if (!lifecycle || !id) return [];
        if (lifecycle === 'shared') return [observed({kind: Kind.vpc, name: id, id, lifecycle, properties: {cidrBlock: vpc.CidrBlock}})];
        return [observed({kind: Kind.vpc, name: tags.Name ?? id, id, properties: {cidrBlock: vpc.CidrBlock, tags}})];
      });
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
      await ec2.send(new ModifyVpcAttributeCommand({VpcId: current.id, EnableDnsHostnames: {Value: true}}), {abortSignal: ctx.signal});
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
