/**
 * What rolling update and validation need from the cluster's autoscaling groups: their instances, which of them
 * run an older launch template version than the group's current one (kOps' rule), and surge or replacement of
 * single instances. The order and pace are core's.
 *
 * A detached instance (surge: its group already launched a replacement) is no longer the group's; it is found
 * again by the tag set just before detaching it, until it is terminated.
 */
import {
  DescribeAutoScalingGroupsCommand,
  DetachInstancesCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import type {AutoScalingGroup} from '@aws-sdk/client-auto-scaling';
import {CreateTagsCommand, DescribeInstancesCommand, DescribeLaunchTemplatesCommand, TerminateInstancesCommand} from '@aws-sdk/client-ec2';
import type {Instance, LaunchTemplate} from '@aws-sdk/client-ec2';
import {NotFoundError} from '@kopsx/core';
import type {CloudInstance, CloudInstanceGroup, CloudInstanceStatus, InstanceGroupOperations} from '@kopsx/core';
import {classifyError} from './errors.js';
import {Kind} from './kinds.js';
import {clusterScopedName, unscopedName} from './names.js';
import type {AwsClients} from './resources/index.js';
import {allPages} from './resources/paging.js';
import {DETACHED_FROM_TAG, INSTANCE_GROUP_TAG, ownershipOf, ownershipTagKey, tagsToRecord} from './tags.js';

/** Instances that still exist in some form; terminated ones are of no further interest. */
const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

export function instanceGroupOperations(clients: Pick<AwsClients, 'ec2' | 'autoscaling'>, clusterName: string): InstanceGroupOperations {
  const {ec2, autoscaling} = clients;
  const owned = [{Name: `tag:${ownershipTagKey(clusterName)}`, Values: ['owned']}];

  /** The instance, or undefined when AWS no longer knows it. */
  async function describeInstance(instanceId: string, signal?: AbortSignal): Promise<Instance | undefined> {
    try {
      const out = await ec2.send(new DescribeInstancesCommand({InstanceIds: [instanceId]}), {abortSignal: signal});
      return out.Reservations?.[0]?.Instances?.[0];
    } catch (error) {
      if (classifyError(error) === 'not-found') return undefined;
      throw error;
    }
  }

  return {
    async list(signal) {
      const options = {abortSignal: signal};
      const [groups, templates, instances] = await Promise.all([
        allPages(async (NextToken) => {
          const out = await autoscaling.send(new DescribeAutoScalingGroupsCommand({Filters: owned, MaxRecords: 100, NextToken}), options);
          return {items: out.AutoScalingGroups, next: out.NextToken};
        }),
        allPages(async (NextToken) => {
          const out = await ec2.send(new DescribeLaunchTemplatesCommand({Filters: owned, NextToken}), options);
          return {items: out.LaunchTemplates, next: out.NextToken};
        }),
        allPages(async (NextToken) => {
          const filters = [...owned, {Name: 'instance-state-name', Values: LIVE_STATES}];
          const out = await ec2.send(new DescribeInstancesCommand({Filters: filters, NextToken}), options);
          return {items: out.Reservations?.flatMap((reservation) => reservation.Instances ?? []), next: out.NextToken};
        }),
      ]);
      const templatesById = new Map(templates.map((template) => [template.LaunchTemplateId, template]));
      const instancesById = new Map(instances.map((instance) => [instance.InstanceId, instance]));
      return groups.flatMap((group) => {
        const tags = tagsToRecord(group.Tags);
        if (!group.AutoScalingGroupName || group.Status || ownershipOf(tags, clusterName, Kind.autoscalingGroup) !== 'owned') return [];
        return [cloudGroup(group, tags[INSTANCE_GROUP_TAG], templatesById, instancesById, clusterName)];
      });
    },

    async detach(group, instanceId, signal) {
      const groupName = clusterScopedName(group, clusterName);
      // Tagged first: an instance detached without the tag would run on, unseen by any later listing.
      await ec2.send(new CreateTagsCommand({Resources: [instanceId], Tags: [{Key: DETACHED_FROM_TAG, Value: groupName}]}), {abortSignal: signal});
      await autoscaling.send(
        new DetachInstancesCommand({AutoScalingGroupName: groupName, InstanceIds: [instanceId], ShouldDecrementDesiredCapacity: false}),
        {abortSignal: signal},
      );
    },

    async terminate(group, instanceId, signal) {
      const instance = await describeInstance(instanceId, signal);
      const state = instance?.State?.Name;
      if (!instance || state === 'terminated' || state === 'shutting-down') return;
      const tags = tagsToRecord(instance.Tags);
      if (tags[ownershipTagKey(clusterName)] !== 'owned' || tags[INSTANCE_GROUP_TAG] !== group) {
        throw new NotFoundError(
          `instance ${instanceId} is not in instance group "${group}" of cluster ${clusterName}`,
          'list the group\'s instances again: only those can be terminated',
        );
      }
      if (tags[DETACHED_FROM_TAG]) {
        await ec2.send(new TerminateInstancesCommand({InstanceIds: [instanceId]}), {abortSignal: signal});
        return;
      }
      // The group launches a replacement.
      await autoscaling.send(new TerminateInstanceInAutoScalingGroupCommand({InstanceId: instanceId, ShouldDecrementDesiredCapacity: false}), {
        abortSignal: signal,
      });
    },
  };
}

function cloudGroup(
  group: AutoScalingGroup,
  instanceGroup: string | undefined,
  templates: ReadonlyMap<string | undefined, LaunchTemplate>,
  instances: ReadonlyMap<string | undefined, Instance>,
  clusterName: string,
): CloudInstanceGroup {
  const groupName = group.AutoScalingGroupName ?? '';
  const current = currentTemplateVersion(group, templates);
  const members: CloudInstance[] = (group.Instances ?? []).flatMap(({InstanceId: id, LifecycleState, LaunchTemplate: template}) => {
    if (!id) return [];
    const instance = instances.get(id);
    const launchedFrom = `${template?.LaunchTemplateId}:${template?.Version}`;
    return [cloudInstance(id, instance, {needsUpdate: launchedFrom !== current, lifecycleState: LifecycleState})];
  });
  const memberIds = new Set(members.map((member) => member.id));
  const detached = [...instances.values()].flatMap((instance) => {
    const id = instance.InstanceId;
    if (!id || memberIds.has(id) || tagsToRecord(instance.Tags)[DETACHED_FROM_TAG] !== groupName) return [];
    return [{...cloudInstance(id, instance, {needsUpdate: true}), detached: true}];
  });
  return {
    name: instanceGroup ?? unscopedName(groupName, clusterName),
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    desiredSize: group.DesiredCapacity ?? 0,
    instances: [...members, ...detached],
  };
}

/** `lt-…:N` of what the group launches now; `$Latest` and `$Default` are resolved through the template. */
function currentTemplateVersion(group: AutoScalingGroup, templates: ReadonlyMap<string | undefined, LaunchTemplate>): string {
  const {LaunchTemplateId: id, Version: version} = group.LaunchTemplate ?? {};
  const template = templates.get(id);
  const resolved =
    version === '$Latest' ? template?.LatestVersionNumber : version === '$Default' || version === undefined ? template?.DefaultVersionNumber : version;
  return `${id}:${resolved}`;
}

function cloudInstance(
  id: string,
  instance: Instance | undefined,
  options: {readonly needsUpdate: boolean; readonly lifecycleState?: string},
): CloudInstance {
  const nodeName = instance?.PrivateDnsName || undefined;
  return {id, status: statusOf(instance, options.lifecycleState), needsUpdate: options.needsUpdate, ...(nodeName ? {nodeName} : {})};
}

/** EC2's state when the instance was listed, else (just launched, not listed yet) what its group says. */
function statusOf(instance: Instance | undefined, lifecycleState = ''): CloudInstanceStatus {
  const state = instance?.State?.Name;
  if (state === 'pending' || state === 'running' || state === 'terminated') return state;
  if (state !== undefined) return 'stopping';
  if (lifecycleState.startsWith('Pending')) return 'pending';
  if (lifecycleState === 'InService') return 'running';
  return lifecycleState.startsWith('Terminat') || lifecycleState.startsWith('Detach') ? 'stopping' : 'terminated';
}
