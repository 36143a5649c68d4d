/** Security groups, named after their logical name (group names are unique in a VPC). */
import {CreateSecurityGroupCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function securityGroupHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.securityGroup,
    replaceOn: ['vpcId', 'description'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const groups = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeSecurityGroupsCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {
          abortSignal: ctx.signal,
        });
        return {items: out.SecurityGroups, next: out.NextToken};
      });
      return groups.flatMap((group) => {
        const tags = visibleTags(group.Tags);
        const id = group.GroupId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.securityGroup) !== 'owned') return [];
        const properties = {vpcId: group.VpcId, description: group.Description, tags};
        return [observed({kind: Kind.securityGroup, name: tags.Name ?? group.GroupName ?? id, id, properties})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: desired.name,
          Description: p.string('description'),
          VpcId: p.string('vpcId'),
          TagSpecifications: tagSpecifications('security-group', p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      if (!out.GroupId) throw new Error(`CreateSecurityGroup for ${desired.name} returned no ID`);
      return observed({kind: Kind.securityGroup, name: desired.name, id: out.GroupId, properties: {...desired.properties}});
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteSecurityGroupCommand({GroupId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
