import {randomUUID} from 'node:crypto';
import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import {findLaunchTemplate} from '../ec2/launch-templates.js';
import type {QueryCall, QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {paginate, type Page} from '../wire/paging.js';
import type {QueryInput} from '../wire/query-input.js';
import {members} from '../wire/xml-writer.js';
import {AutoScalingState, type AutoScalingGroup, type GroupTag, type LaunchTemplateRef} from './autoscaling-state.js';
import {deregisterTargets, reconcileGroup, registerTargets, removeMember} from './capacity.js';
import {groupXml} from './group-xml.js';

export function findGroup(aws: AwsState, region: string, name: string): AutoScalingGroup {
  const group = aws.autoscaling.get(region, name);
  if (!group) throw new AwsError('ValidationError', `AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`);
  return group;
}

/** `LaunchTemplate.LaunchTemplateId|Name` + `Version` (default `$Default`), checked against EC2. */
function readLaunchTemplate({input, region, aws}: QueryCall): LaunchTemplateRef | undefined {
  const node = input.node('LaunchTemplate');
  if (!node) return undefined;
  const ref = {id: node.string('LaunchTemplateId'), name: node.string('LaunchTemplateName')};
  try {
    const template = findLaunchTemplate(aws, region, ref);
    return {id: template.id, name: template.name, version: node.string('Version') ?? '$Default'};
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    throw new AwsError('ValidationError', `You must use a valid fully-formed launch template. ${error.message}`);
  }
}

function readSubnets({input, region, aws}: QueryCall): string[] | undefined {
  const text = input.string('VPCZoneIdentifier');
  if (text === undefined) return undefined;
  const ids = text.split(',').map((id) => id.trim()).filter(Boolean);
  const missing = ids.find((id) => !aws.ec2.subnets.get(region, id));
  if (missing) throw new AwsError('ValidationError', `The subnet ID '${missing}' does not exist`);
  return ids;
}

function readTargetGroups({input, aws}: QueryCall): string[] {
  const arns = input.strings('TargetGroupARNs.member');
  const missing = arns.find((arn) => !aws.elbv2.targetGroups.has(arn));
  if (missing) throw new AwsError('ValidationError', `Target group '${missing}' not found`);
  return arns;
}

/** `Tags.member.N` of CreateAutoScalingGroup and CreateOrUpdateTags. */
export function readGroupTags(input: QueryInput): Array<{resourceId?: string; key: string; tag: GroupTag}> {
  return input.list('Tags.member').map((entry) => ({
    resourceId: entry.string('ResourceId'),
    key: entry.requireString('Key'),
    tag: {value: entry.string('Value') ?? '', propagateAtLaunch: entry.boolean('PropagateAtLaunch') ?? false},
  }));
}

/** Auto Scaling's paging: `MaxRecords` (default 50, at most 100) and `NextToken`. */
export function autoScalingPage<T>(input: QueryInput, items: readonly T[]): Page<T> {
  const maxResults = Math.min(input.integer('MaxRecords') ?? 50, 100);
  return paginate(items, {maxResults, token: input.string('NextToken'), invalidTokenCode: 'InvalidNextToken'});
}

function checkSizes(min: number, max: number, desired: number): void {
  if (min > max) throw new AwsError('ValidationError', `Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min || desired > max) {
    throw new AwsError(
      'ValidationError',
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
  }
}

export const groupHandlers: QueryHandlers = {
  CreateAutoScalingGroup(call) {
    const {input, region, aws} = call;
    const name = input.requireString('AutoScalingGroupName');
    if (aws.autoscaling.get(region, name)) {
      throw new AwsError(
        'AlreadyExists',
        `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
      );
    }
    if (input.has('LaunchConfigurationName')) {
      throw new AwsError(
        'ValidationError',
        'Launch configurations are not supported by the simulator (AWS retired them); use a launch template.',
      );
    }
    const launchTemplate = readLaunchTemplate(call);
    if (!launchTemplate) {
      throw new AwsError(
        'ValidationError',
        'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
      );
    }
    const subnetIds = readSubnets(call) ?? [];
    if (subnetIds.length === 0) throw new AwsError('ValidationError', 'At least one Availability Zone or VPC Subnet is required.');
    const minSize = input.integer('MinSize') ?? 0;
    const maxSize = input.integer('MaxSize') ?? 0;
    const desiredCapacity = input.integer('DesiredCapacity') ?? minSize;
    checkSizes(minSize, maxSize, desiredCapacity);
    const policies = input.strings('TerminationPolicies.member');
    const group: AutoScalingGroup = {
      name,
      arn: `arn:aws:autoscaling:${region}:${AWS_ACCOUNT_ID}:autoScalingGroup:${randomUUID()}:autoScalingGroupName/${name}`,
      region,
      createdTime: new Date(aws.now()),
      minSize,
      maxSize,
      desiredCapacity,
      launchTemplate,
      subnetIds,
      targetGroupArns: readTargetGroups(call),
      healthCheckType: input.string('HealthCheckType') ?? 'EC2',
      healthCheckGracePeriod: input.integer('HealthCheckGracePeriod') ?? 0,
      defaultCooldown: input.integer('DefaultCooldown') ?? 300,
      terminationPolicies: policies.length > 0 ? policies : ['Default'],
      newInstancesProtectedFromScaleIn: input.boolean('NewInstancesProtectedFromScaleIn') ?? false,
      tags: new Map(readGroupTags(input).map(({key, tag}) => [key, tag])),
      members: [],
    };
    aws.autoscaling.groups.set(AutoScalingState.key(region, name), group);
    reconcileGroup(aws, group);
  },

  UpdateAutoScalingGroup(call) {
    const {input, region, aws} = call;
    const group = findGroup(aws, region, input.requireString('AutoScalingGroupName'));
    const minSize = input.integer('MinSize') ?? group.minSize;
    const maxSize = input.integer('MaxSize') ?? group.maxSize;
    // Without an explicit desired capacity, AWS moves it into the new bounds.
    const desiredCapacity = input.integer('DesiredCapacity') ?? Math.min(Math.max(group.desiredCapacity, minSize), maxSize);
    checkSizes(minSize, maxSize, desiredCapacity);
    Object.assign(group, {minSize, maxSize, desiredCapacity});
    group.launchTemplate = readLaunchTemplate(call) ?? group.launchTemplate;
    group.subnetIds = readSubnets(call) ?? group.subnetIds;
    group.healthCheckType = input.string('HealthCheckType') ?? group.healthCheckType;
    group.healthCheckGracePeriod = input.integer('HealthCheckGracePeriod') ?? group.healthCheckGracePeriod;
    group.defaultCooldown = input.integer('DefaultCooldown') ?? group.defaultCooldown;
    group.newInstancesProtectedFromScaleIn =
      input.boolean('NewInstancesProtectedFromScaleIn') ?? group.newInstancesProtectedFromScaleIn;
    const policies = input.strings('TerminationPolicies.member');
    if (policies.length > 0) group.terminationPolicies = policies;
    reconcileGroup(aws, group);
  },

  DeleteAutoScalingGroup({input, region, aws}) {
    const group = findGroup(aws, region, input.requireString('AutoScalingGroupName'));
    if (!(input.boolean('ForceDelete') ?? false) && group.members.length > 0) {
      const busy = group.members.some((member) =>
        member.leaving || aws.ec2.instances.get(region, member.instanceId)?.lifecycle.state !== 'running');
      if (busy) {
        throw new AwsError(
          'ScalingActivityInProgress',
          'You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.',
        );
      }
      throw new AwsError(
        'ResourceInUse',
        'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
      );
    }
    for (const member of [...group.members]) removeMember(aws, group, member, 'Terminating');
    aws.autoscaling.groups.delete(AutoScalingState.key(region, group.name));
  },

  DescribeAutoScalingGroups({input, region, aws}) {
    const names = input.strings('AutoScalingGroupNames.member');
    const groups = aws.autoscaling.inRegion(region).filter((group) => names.length === 0 || names.includes(group.name));
    const matching = applyFilters(groups, readFilters(input, 'Filters.member', 'Values.member'), {
      fields: {},
      tags: (group) => new Map([...group.tags].map(([key, tag]) => [key, tag.value])),
      invalidFilterCode: 'ValidationError',
    });
    const page = autoScalingPage(input, matching);
    const result = {AutoScalingGroups: members(page.items.map((group) => groupXml(aws, group))), NextToken: page.nextToken};
    for (const group of page.items) {
      for (const member of group.members) aws.ec2.instances.get(region, member.instanceId)?.lifecycle.observe();
    }
    return result;
  },

  SetDesiredCapacity({input, region, aws}) {
    const group = findGroup(aws, region, input.requireString('AutoScalingGroupName'));
    const desired = input.integer('DesiredCapacity') ?? group.desiredCapacity;
    if (desired > group.maxSize) {
      throw new AwsError(
        'ValidationError',
        `New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} for the AutoScalingGroup.`,
      );
    }
    if (desired < group.minSize) {
      throw new AwsError(
        'ValidationError',
        `New SetDesiredCapacity value ${desired} is below min value ${group.minSize} for the AutoScalingGroup.`,
      );
    }
    group.desiredCapacity = desired;
    reconcileGroup(aws, group);
  },

  AttachLoadBalancerTargetGroups(call) {
    const group = findGroup(call.aws, call.region, call.input.requireString('AutoScalingGroupName'));
    const arns = readTargetGroups(call).filter((arn) => !group.targetGroupArns.includes(arn));
    group.targetGroupArns.push(...arns);
    registerTargets(call.aws, arns, group.members.filter((member) => !member.leaving).map((member) => member.instanceId));
  },

  DetachLoadBalancerTargetGroups({input, region, aws}) {
    const group = findGroup(aws, region, input.requireString('AutoScalingGroupName'));
    const arns = input.strings('TargetGroupARNs.member');
    group.targetGroupArns = group.targetGroupArns.filter((arn) => !arns.includes(arn));
    deregisterTargets(aws, arns, group.members.map((member) => member.instanceId));
  },
};
