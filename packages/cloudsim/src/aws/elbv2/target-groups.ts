import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {randomHex} from '../wire/ids.js';
import type {QueryInput} from '../wire/query-input.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {arnPrefix, checkElbName, elbPage, findLoadBalancer, findTargetGroup, readTags, targetGroupNotFound} from './elbv2-common.js';
import type {HealthCheck, Target, TargetGroup} from './elbv2-state.js';

/** Load balancers whose listeners forward to the group. */
function loadBalancersOf(aws: AwsState, group: TargetGroup): string[] {
  const arns = [...aws.elbv2.listeners.values()]
    .filter((listener) => listener.defaultActions.some((action) => action.targetGroupArn === group.arn))
    .map((listener) => listener.loadBalancerArn);
  return [...new Set(arns)];
}

function readHealthCheck(input: QueryInput, current: HealthCheck): HealthCheck {
  return {
    protocol: input.string('HealthCheckProtocol') ?? current.protocol,
    port: input.string('HealthCheckPort') ?? current.port,
    path: input.string('HealthCheckPath') ?? current.path,
    enabled: input.boolean('HealthCheckEnabled') ?? current.enabled,
    intervalSeconds: input.integer('HealthCheckIntervalSeconds') ?? current.intervalSeconds,
    timeoutSeconds: input.integer('HealthCheckTimeoutSeconds') ?? current.timeoutSeconds,
    healthyThresholdCount: input.integer('HealthyThresholdCount') ?? current.healthyThresholdCount,
    unhealthyThresholdCount: input.integer('UnhealthyThresholdCount') ?? current.unhealthyThresholdCount,
  };
}

function targetGroupXml(aws: AwsState, group: TargetGroup): XmlFields {
  const {healthCheck} = group;
  return {
    TargetGroupArn: group.arn,
    TargetGroupName: group.name,
    Protocol: group.protocol,
    Port: group.port,
    VpcId: group.vpcId,
    HealthCheckProtocol: healthCheck.protocol,
    HealthCheckPort: healthCheck.port,
    HealthCheckEnabled: healthCheck.enabled,
    HealthCheckIntervalSeconds: healthCheck.intervalSeconds,
    HealthCheckTimeoutSeconds: healthCheck.timeoutSeconds,
    HealthyThresholdCount: healthCheck.healthyThresholdCount,
    UnhealthyThresholdCount: healthCheck.unhealthyThresholdCount,
    HealthCheckPath: healthCheck.path,
    LoadBalancerArns: members(loadBalancersOf(aws, group)),
    TargetType: group.targetType,
    IpAddressType: 'ipv4',
  };
}

function sameTarget(a: Target, b: Target): boolean {
  return a.id === b.id && a.port === b.port;
}

function readTargets(input: QueryInput, group: TargetGroup): Target[] {
  return input.list('Targets.member').map((target) => ({id: target.requireString('Id'), port: target.integer('Port') ?? group.port}));
}

/** What DescribeTargetHealth reports, following the instance's state and whether traffic is routed. */
function targetHealth(aws: AwsState, group: TargetGroup, target: Target): XmlFields {
  const instance = aws.ec2.instances.get(group.region, target.id);
  const state = instance?.lifecycle.state;
  const balancers = loadBalancersOf(aws, group).flatMap((arn) => aws.elbv2.loadBalancers.get(arn) ?? []);
  if (state !== 'pending' && state !== 'running') {
    return {State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped or terminated state'};
  }
  if (balancers.length === 0) {
    const description = 'Target group is not configured to receive traffic from the load balancer';
    return {State: 'unused', Reason: 'Target.NotInUse', Description: description};
  }
  if (state === 'pending' || balancers.some((balancer) => balancer.lifecycle.state !== 'active')) {
    return {State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress'};
  }
  return {State: 'healthy'};
}

export const targetGroupHandlers: QueryHandlers = {
  CreateTargetGroup({input, region, aws}) {
    const name = input.requireString('Name');
    checkElbName('target group', name);
    if ([...aws.elbv2.targetGroups.values()].some((group) => group.region === region && group.name === name)) {
      throw new AwsError(
        'DuplicateTargetGroupName',
        `A target group with the same name '${name}' exists, but with different settings`,
      );
    }
    const vpcId = input.requireString('VpcId');
    if (!aws.ec2.vpcs.get(region, vpcId)) throw new AwsError('ValidationError', `The VPC ID '${vpcId}' is not found`);
    const protocol = input.requireString('Protocol');
    const group: TargetGroup = {
      arn: `${arnPrefix(region)}:targetgroup/${name}/${randomHex(16)}`,
      name,
      region,
      protocol,
      port: input.integer('Port') ?? 80,
      vpcId,
      targetType: input.string('TargetType') ?? 'instance',
      healthCheck: readHealthCheck(input, {
        protocol: protocol === 'TCP' || protocol === 'TLS' || protocol === 'UDP' ? 'TCP' : protocol,
        port: 'traffic-port',
        enabled: true,
        intervalSeconds: 30,
        timeoutSeconds: 10,
        healthyThresholdCount: 5,
        unhealthyThresholdCount: 2,
      }),
      targets: [],
      tags: readTags(input),
    };
    aws.elbv2.targetGroups.set(group.arn, group);
    return {TargetGroups: members([targetGroupXml(aws, group)])};
  },

  ModifyTargetGroup({input, region, aws}) {
    const group = findTargetGroup(aws, region, input.requireString('TargetGroupArn'));
    Object.assign(group.healthCheck, readHealthCheck(input, group.healthCheck));
    return {TargetGroups: members([targetGroupXml(aws, group)])};
  },

  DeleteTargetGroup({input, region, aws}) {
    const group = findTargetGroup(aws, region, input.requireString('TargetGroupArn'));
    if (loadBalancersOf(aws, group).length > 0) {
      throw new AwsError('ResourceInUse', `Target group '${group.arn}' is currently in use by a listener or a rule`);
    }
    aws.elbv2.targetGroups.delete(group.arn);
  },

  DescribeTargetGroups({input, region, aws}) {
    const arns = input.strings('TargetGroupArns.member');
    const names = input.strings('Names.member');
    const balancerArn = input.string('LoadBalancerArn');
    if (balancerArn !== undefined) findLoadBalancer(aws, region, balancerArn);
    const groups = [...aws.elbv2.targetGroups.values()].filter((group) =>
      group.region === region &&
      (arns.length === 0 || arns.includes(group.arn)) &&
      (names.length === 0 || names.includes(group.name)) &&
      (balancerArn === undefined || loadBalancersOf(aws, group).includes(balancerArn)));
    if (arns.length + names.length > 0 && groups.length < arns.length + names.length) throw targetGroupNotFound();
    return elbPage(input, groups, 'TargetGroups', (group) => targetGroupXml(aws, group));
  },

  RegisterTargets({input, region, aws}) {
    const group = findTargetGroup(aws, region, input.requireString('TargetGroupArn'));
    const targets = readTargets(input, group);
    const invalid = targets.filter((target) => {
      const state = aws.ec2.instances.get(region, target.id)?.lifecycle.state;
      return state !== 'pending' && state !== 'running';
    });
    if (invalid.length > 0) {
      throw new AwsError(
        'InvalidTarget',
        `The following targets are not in a running state and cannot be registered: '${invalid.map((t) => t.id).join(', ')}'`,
      );
    }
    for (const target of targets) {
      if (!group.targets.some((existing) => sameTarget(existing, target))) group.targets.push(target);
    }
  },

  DeregisterTargets({input, region, aws}) {
    const group = findTargetGroup(aws, region, input.requireString('TargetGroupArn'));
    const targets = readTargets(input, group);
    const unknown = targets.filter((target) => !group.targets.some((existing) => existing.id === target.id));
    if (unknown.length > 0) {
      throw new AwsError(
        'InvalidTarget',
        `The following targets are not registered in target group: '${unknown.map((t) => t.id).join(', ')}'`,
      );
    }
    group.targets = group.targets.filter((existing) => !targets.some((target) => sameTarget(target, existing)));
  },

  DescribeTargetHealth({input, region, aws}) {
    const group = findTargetGroup(aws, region, input.requireString('TargetGroupArn'));
    const wanted = readTargets(input, group);
    const targets = wanted.length > 0 ? wanted : group.targets;
    return {
      TargetHealthDescriptions: members(targets.map((target) => ({
        Target: {Id: target.id, Port: target.port},
        HealthCheckPort: group.healthCheck.port === 'traffic-port' ? String(target.port) : group.healthCheck.port,
        TargetHealth: group.targets.some((existing) => existing.id === target.id)
          ? targetHealth(aws, group, target)
          : {State: 'unavailable', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group'},
      }))),
    };
  },
};
