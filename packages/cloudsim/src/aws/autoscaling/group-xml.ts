import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import type {AutoScalingGroup, GroupMember, LaunchTemplateRef} from './autoscaling-state.js';

/** `Pending` until the EC2 instance runs, then `InService`; `Terminating`/`Detaching` on the way out. */
export function memberLifecycleState(aws: AwsState, group: AutoScalingGroup, member: GroupMember): string {
  if (member.leaving) return member.leaving;
  const state = aws.ec2.instances.get(group.region, member.instanceId)?.lifecycle.state;
  return state === 'running' ? 'InService' : state === 'pending' ? 'Pending' : 'Terminating';
}

export function launchTemplateRefXml(ref: LaunchTemplateRef): XmlFields {
  return {LaunchTemplateId: ref.id, LaunchTemplateName: ref.name, Version: ref.version};
}

export function groupTagsXml(group: AutoScalingGroup): XmlFields[] {
  return [...group.tags].map(([key, tag]) => ({
    ResourceId: group.name,
    ResourceType: 'auto-scaling-group',
    Key: key,
    Value: tag.value,
    PropagateAtLaunch: tag.propagateAtLaunch,
  }));
}

export function groupXml(aws: AwsState, group: AutoScalingGroup): XmlFields {
  const zones = [...new Set(group.subnetIds.flatMap((id) => aws.ec2.subnets.get(group.region, id)?.availabilityZone ?? []))];
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    LaunchTemplate: launchTemplateRefXml(group.launchTemplate),
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: group.defaultCooldown,
    AvailabilityZones: members(zones),
    LoadBalancerNames: members([]),
    TargetGroupARNs: members(group.targetGroupArns),
    HealthCheckType: group.healthCheckType,
    HealthCheckGracePeriod: group.healthCheckGracePeriod,
    Instances: members(group.members.map((member) => ({
      InstanceId: member.instanceId,
      InstanceType: member.instanceType,
      AvailabilityZone: member.availabilityZone,
      LifecycleState: memberLifecycleState(aws, group, member),
      HealthStatus: 'Healthy',
      LaunchTemplate: launchTemplateRefXml(member.launchTemplate),
      ProtectedFromScaleIn: member.protectedFromScaleIn,
    }))),
    CreatedTime: group.createdTime,
    SuspendedProcesses: members([]),
    VPCZoneIdentifier: group.subnetIds.join(','),
    EnabledMetrics: members([]),
    Tags: members(groupTagsXml(group)),
    TerminationPolicies: members(group.terminationPolicies),
    NewInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    ServiceLinkedRoleARN: `arn:aws:iam::${AWS_ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false,
  };
}
