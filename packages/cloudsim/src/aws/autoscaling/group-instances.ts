import {randomUUID} from 'node:crypto';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import type {AutoScalingGroup, GroupMember} from './autoscaling-state.js';
import {reconcileGroup, removeMember} from './capacity.js';
import {launchTemplateRefXml, memberLifecycleState} from './group-xml.js';
import {autoScalingPage, findGroup} from './groups.js';

function findMembership(aws: AwsState, region: string, instanceId: string): {group: AutoScalingGroup; member: GroupMember} {
  for (const group of aws.autoscaling.inRegion(region)) {
    const member = group.members.find((candidate) => candidate.instanceId === instanceId);
    if (member) return {group, member};
  }
  throw new AwsError(
    'ValidationError',
    `Instance Id not found - No managed instance found for instance ID: ${instanceId}`,
  );
}

/** Lowers the desired capacity for a member that leaves, refusing to go below the minimum, as AWS does. */
function decrementDesired(group: AutoScalingGroup, count: number): void {
  if (group.desiredCapacity - count < group.minSize) {
    throw new AwsError(
      'ValidationError',
      `Currently, desiredCapacity (${group.desiredCapacity}) is not greater than minSize (${group.minSize}). ` +
        'You cannot decrement desiredCapacity below minSize. Please decrement minSize first.',
    );
  }
  group.desiredCapacity -= count;
}

function activityXml(aws: AwsState, group: AutoScalingGroup, description: string, cause: string): XmlFields {
  return {
    ActivityId: randomUUID(),
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    Description: description,
    Cause: `At ${new Date(aws.now()).toISOString()} ${cause}`,
    StartTime: new Date(aws.now()),
    StatusCode: 'InProgress',
    Progress: 0,
    Details: '{}',
  };
}

export const groupInstanceHandlers: QueryHandlers = {
  TerminateInstanceInAutoScalingGroup({input, region, aws}) {
    const instanceId = input.requireString('InstanceId');
    const decrement = input.boolean('ShouldDecrementDesiredCapacity');
    if (decrement === undefined) throw new AwsError('ValidationError', 'ShouldDecrementDesiredCapacity is required');
    const {group, member} = findMembership(aws, region, instanceId);
    if (decrement) decrementDesired(group, 1);
    removeMember(aws, group, member, 'Terminating');
    // Without the decrement, the group launches a replacement right away.
    reconcileGroup(aws, group);
    const shrinking = decrement ? `, shrinking the capacity from ${group.desiredCapacity + 1} to ${group.desiredCapacity}` : '';
    const cause = `instance ${instanceId} was taken out of service in response to a user request${shrinking}.`;
    return {Activity: activityXml(aws, group, `Terminating EC2 instance: ${instanceId}`, cause)};
  },

  DetachInstances({input, region, aws}) {
    const group = findGroup(aws, region, input.requireString('AutoScalingGroupName'));
    const ids = input.strings('InstanceIds.member');
    const decrement = input.boolean('ShouldDecrementDesiredCapacity');
    if (decrement === undefined) throw new AwsError('ValidationError', 'ShouldDecrementDesiredCapacity is required');
    const leaving = ids.map((id) => {
      const member = group.members.find((candidate) => candidate.instanceId === id);
      if (!member) throw new AwsError('ValidationError', `The instance ${id} is not part of Auto Scaling group ${group.name}.`);
      return member;
    });
    if (decrement) decrementDesired(group, leaving.length);
    for (const member of leaving) removeMember(aws, group, member, 'Detaching');
    reconcileGroup(aws, group);
    return {
      Activities: members(ids.map((id) =>
        activityXml(aws, group, `Detaching EC2 instance: ${id}`, `instance ${id} was detached in response to a user request.`))),
    };
  },

  DescribeAutoScalingInstances({input, region, aws}) {
    const wanted = input.strings('InstanceIds.member');
    const entries = aws.autoscaling.inRegion(region).flatMap((group) => group.members.map((member) => ({group, member})))
      .filter(({member}) => wanted.length === 0 || wanted.includes(member.instanceId));
    const page = autoScalingPage(input, entries);
    return {
      AutoScalingInstances: members(page.items.map(({group, member}) => ({
        InstanceId: member.instanceId,
        AutoScalingGroupName: group.name,
        AvailabilityZone: member.availabilityZone,
        LifecycleState: memberLifecycleState(aws, group, member),
        HealthStatus: 'HEALTHY',
        LaunchTemplate: launchTemplateRefXml(member.launchTemplate),
        ProtectedFromScaleIn: member.protectedFromScaleIn,
        InstanceType: member.instanceType,
      }))),
      NextToken: page.nextToken,
    };
  },
};
