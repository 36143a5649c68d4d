import type {AwsState} from '../aws-state.js';
import type {Instance} from '../ec2/ec2-state.js';
import {launchInstances} from '../ec2/instance-launch.js';
import {terminateInstance} from '../ec2/instances.js';
import {findLaunchTemplate, resolveVersion, versionNumber} from '../ec2/launch-templates.js';
import {AwsError} from '../wire/aws-error.js';
import type {AutoScalingGroup, GroupMember} from './autoscaling-state.js';

/** Brings every group to its desired capacity; run before each AWS call. */
export function reconcileGroups(aws: AwsState): void {
  for (const group of aws.autoscaling.groups.values()) reconcileGroup(aws, group);
}

/**
 * Forgets members whose instance is gone (or was terminated behind the group's back), then launches or
 * terminates instances until the members not on their way out match the desired capacity.
 */
export function reconcileGroup(aws: AwsState, group: AutoScalingGroup): void {
  group.members = group.members.filter((member) => {
    const state = instanceOf(aws, group, member)?.lifecycle.state;
    return state === 'pending' || state === 'running' || (state === 'shutting-down' && member.leaving === 'Terminating');
  });
  const active = () => group.members.filter((member) => !member.leaving);
  try {
    while (active().length < group.desiredCapacity) launchMember(aws, group);
  } catch (error) {
    // Like a failed scaling activity on AWS: the group stays short and tries again on the next call.
    if (!(error instanceof AwsError)) throw error;
  }
  const surplus = active().length - group.desiredCapacity;
  const current = currentLaunchTemplate(aws, group);
  for (const member of chooseVictims(active(), surplus, current)) removeMember(aws, group, member, 'Terminating');
}

function instanceOf(aws: AwsState, group: AutoScalingGroup, member: GroupMember): Instance | undefined {
  return aws.ec2.instances.get(group.region, member.instanceId);
}

/** Launches one instance into the subnet whose zone has the fewest members, as AWS balances zones. */
function launchMember(aws: AwsState, group: AutoScalingGroup): void {
  const template = findLaunchTemplate(aws, group.region, {id: group.launchTemplate.id});
  const version = resolveVersion(template, group.launchTemplate.version);
  const subnets = group.subnetIds.flatMap((id) => aws.ec2.subnets.get(group.region, id) ?? []);
  const load = (zone: string) => group.members.filter((member) => !member.leaving && member.availabilityZone === zone).length;
  const subnet = [...subnets].sort((a, b) => load(a.availabilityZone) - load(b.availabilityZone))[0];
  if (!subnet) throw new AwsError('ValidationError', `No subnet of group ${group.name} exists any more`);
  const tags = new Map([['aws:autoscaling:groupName', group.name]]);
  for (const [key, tag] of group.tags) if (tag.propagateAtLaunch) tags.set(key, tag.value);
  const launchTemplate = {id: template.id, name: template.name, version: String(version.number)};
  const [instance] = launchInstances(aws, {region: group.region, count: 1, data: version.data, subnetId: subnet.id, tags, launchTemplate});
  if (!instance) throw new Error(`launching an instance for group ${group.name} returned none`);
  group.members.push({
    instanceId: instance.id,
    availabilityZone: instance.availabilityZone,
    instanceType: instance.instanceType,
    launchTemplate,
    protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
  });
  registerTargets(aws, group.targetGroupArns, [instance.id]);
}

/**
 * The default termination policy: from the zone with the most members, instances launched from another
 * template version than the group's current one first, then the oldest. Protected instances stay.
 */
function chooseVictims(active: GroupMember[], count: number, current: string | undefined): GroupMember[] {
  const victims: GroupMember[] = [];
  const candidates = active.filter((member) => !member.protectedFromScaleIn);
  while (victims.length < count && candidates.length > 0) {
    const zoneLoad = (zone: string) => candidates.filter((member) => member.availabilityZone === zone).length;
    const busiest = Math.max(...candidates.map((member) => zoneLoad(member.availabilityZone)));
    const inBusiest = candidates.filter((member) => zoneLoad(member.availabilityZone) === busiest);
    const outdated = inBusiest.filter((member) => `${member.launchTemplate.id}:${member.launchTemplate.version}` !== current);
    const victim = (outdated.length > 0 ? outdated : inBusiest)[0];
    if (!victim) break;
    victims.push(victim);
    candidates.splice(candidates.indexOf(victim), 1);
  }
  return victims;
}

/** `lt-id:N` of what the group launches now, the form members are compared in (as kOps does). */
function currentLaunchTemplate(aws: AwsState, group: AutoScalingGroup): string | undefined {
  const template = aws.ec2.launchTemplates.get(group.region, group.launchTemplate.id);
  if (!template) return undefined;
  return `${template.id}:${versionNumber(template, group.launchTemplate.version)}`;
}

/** Takes a member out of service: terminated (still listed until gone) or detached (forgotten at once). */
export function removeMember(aws: AwsState, group: AutoScalingGroup, member: GroupMember, how: 'Terminating' | 'Detaching'): void {
  deregisterTargets(aws, group.targetGroupArns, [member.instanceId]);
  if (how === 'Detaching') {
    group.members = group.members.filter((candidate) => candidate !== member);
    instanceOf(aws, group, member)?.tags.delete('aws:autoscaling:groupName');
    return;
  }
  member.leaving = 'Terminating';
  const instance = instanceOf(aws, group, member);
  if (instance) terminateInstance(instance);
}

export function registerTargets(aws: AwsState, targetGroupArns: readonly string[], instanceIds: readonly string[]): void {
  for (const arn of targetGroupArns) {
    const targetGroup = aws.elbv2.targetGroups.get(arn);
    if (!targetGroup) continue;
    for (const id of instanceIds) {
      if (!targetGroup.targets.some((target) => target.id === id)) targetGroup.targets.push({id, port: targetGroup.port});
    }
  }
}

export function deregisterTargets(aws: AwsState, targetGroupArns: readonly string[], instanceIds: readonly string[]): void {
  for (const arn of targetGroupArns) {
    const targetGroup = aws.elbv2.targetGroups.get(arn);
    if (targetGroup) targetGroup.targets = targetGroup.targets.filter((target) => !instanceIds.includes(target.id));
  }
}
