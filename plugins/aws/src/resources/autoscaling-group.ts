/**
 * Autoscaling groups, one per instance group. They start at `minSize` instances and launch `$Latest` of their
 * launch template; min/max, subnets, target groups and tags change in place. Deleting one terminates its
 * instances and waits for them, so the subnets and security groups they used can go next.
 */
import {
  AttachLoadBalancerTargetGroupsCommand,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import type {Tag} from '@aws-sdk/client-auto-scaling';
import type {HandlerContext, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {KIND_TAG, ownershipOf, ownershipTagKey} from '../tags.js';
import type {Tags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';
import {waitFor} from './wait-for.js';

export function autoscalingGroupHandler({clients: {autoscaling}, reads}: AwsApi): ResourceHandler {
  async function groupExists(ctx: HandlerContext, name: string): Promise<boolean> {
    const out = await autoscaling.send(new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: [name]}), {abortSignal: ctx.signal});
    return (out.AutoScalingGroups ?? []).length > 0;
  }

  return {
    kind: Kind.autoscalingGroup,
    replaceOn: ['launchTemplateId'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const filters = [{Name: `tag:${ownershipTagKey(ctx.clusterName)}`, Values: ['owned']}];
      const groups = await allPages(async (NextToken) => {
        const out = await autoscaling.send(new DescribeAutoScalingGroupsCommand({Filters: filters, NextToken}), {abortSignal: ctx.signal});
        return {items: out.AutoScalingGroups, next: out.NextToken};
      });
      return groups.flatMap((group) => {
        const tags = visibleTags(group.Tags);
        const name = group.AutoScalingGroupName;
        // A group being deleted is already on its way out.
        if (!name || group.Status || ownershipOf(tags, ctx.clusterName, Kind.autoscalingGroup) !== 'owned') return [];
        const properties = {
          launchTemplateId: group.LaunchTemplate?.LaunchTemplateId,
          launchTemplateVersion: group.LaunchTemplate?.Version,
          minSize: group.MinSize,
          maxSize: group.MaxSize,
          subnetIds: group.VPCZoneIdentifier ? group.VPCZoneIdentifier.split(',') : [],
          targetGroupArns: group.TargetGroupARNs ?? [],
          tags,
        };
        return [observed({kind: Kind.autoscalingGroup, name, id: name, properties, attributes: {arn: group.AutoScalingGroupARN}})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const minSize = p.number('minSize');
      await autoscaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: desired.name,
          LaunchTemplate: {LaunchTemplateId: p.string('launchTemplateId'), Version: p.string('launchTemplateVersion')},
          MinSize: minSize,
          MaxSize: p.number('maxSize'),
          DesiredCapacity: minSize,
          VPCZoneIdentifier: p.strings('subnetIds').join(','),
          TargetGroupARNs: p.strings('targetGroupArns'),
          Tags: groupTags(desired.name, p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      return observed({kind: Kind.autoscalingGroup, name: desired.name, id: desired.name, properties: {...desired.properties}});
    },

    async update(ctx, current, desired, changes) {
      reads.invalidate();
      const p = read(desired);
      const fields = new Set(changes.map((c) => c.field));
      const name = current.id;
      if (['minSize', 'maxSize', 'subnetIds', 'launchTemplateVersion'].some((field) => fields.has(field))) {
        // AWS moves the desired capacity into the new [min, max] range by itself.
        await autoscaling.send(
          new UpdateAutoScalingGroupCommand({
            AutoScalingGroupName: name,
            MinSize: p.number('minSize'),
            MaxSize: p.number('maxSize'),
            VPCZoneIdentifier: p.strings('subnetIds').join(','),
            LaunchTemplate: {LaunchTemplateId: p.string('launchTemplateId'), Version: p.string('launchTemplateVersion')},
          }),
          {abortSignal: ctx.signal},
        );
      }
      if (fields.has('targetGroupArns')) {
        const before = (current.properties.targetGroupArns ?? []) as string[];
        const after = p.strings('targetGroupArns');
        const added = after.filter((arn) => !before.includes(arn));
        const removed = before.filter((arn) => !after.includes(arn));
        if (added.length > 0) {
          await autoscaling.send(new AttachLoadBalancerTargetGroupsCommand({AutoScalingGroupName: name, TargetGroupARNs: added}), {
            abortSignal: ctx.signal,
          });
        }
        if (removed.length > 0) {
          await autoscaling.send(new DetachLoadBalancerTargetGroupsCommand({AutoScalingGroupName: name, TargetGroupARNs: removed}), {
            abortSignal: ctx.signal,
          });
        }
      }
      if (fields.has('tags')) {
        const before = current.properties.tags as Tags;
        const after = p.record('tags');
        const changedTags = Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
        await autoscaling.send(new CreateOrUpdateTagsCommand({Tags: groupTags(name, changedTags)}), {abortSignal: ctx.signal});
      }
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() =>
        autoscaling.send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: current.id, ForceDelete: true}), {abortSignal: ctx.signal}),
      );
      await waitFor(async () => ((await groupExists(ctx, current.id)) ? undefined : true), {
        what: `autoscaling group ${current.id} and its instances to be deleted`,
        signal: ctx.signal,
      });
    },
  };
}

/** Instances get the group's tags (so they too are known as the cluster's), except kopsx' marker of the group itself. */
function groupTags(groupName: string, tags: Tags): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({
    Key,
    Value,
    PropagateAtLaunch: Key !== KIND_TAG,
    ResourceId: groupName,
    ResourceType: 'auto-scaling-group',
  }));
}
