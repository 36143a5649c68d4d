import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {randomHex} from '../wire/ids.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {elbPage, findLoadBalancer, findTargetGroup, readTags} from './elbv2-common.js';
import type {Listener, ListenerAction} from './elbv2-state.js';

function listenerNotFound(): AwsError {
  return new AwsError('ListenerNotFound', 'One or more listeners not found');
}

function listenerXml(listener: Listener): XmlFields {
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    DefaultActions: members(listener.defaultActions.map((action) => ({
      Type: action.type,
      TargetGroupArn: action.targetGroupArn,
      Order: action.order,
      ForwardConfig: action.targetGroupArn
        ? {TargetGroups: members([{TargetGroupArn: action.targetGroupArn, Weight: 1}]), TargetGroupStickinessConfig: {Enabled: false}}
        : undefined,
    }))),
  };
}

export const listenerHandlers: QueryHandlers = {
  CreateListener({input, region, aws}) {
    const balancer = findLoadBalancer(aws, region, input.requireString('LoadBalancerArn'));
    const port = input.integer('Port');
    if (port === undefined) throw new AwsError('ValidationError', 'A listener port must be specified');
    const actions: ListenerAction[] = input.list('DefaultActions.member').map((action) => ({
      type: action.requireString('Type'),
      targetGroupArn: action.string('TargetGroupArn'),
      order: action.integer('Order'),
    }));
    for (const action of actions) if (action.targetGroupArn) findTargetGroup(aws, region, action.targetGroupArn);
    if ([...aws.elbv2.listeners.values()].some((listener) => listener.loadBalancerArn === balancer.arn && listener.port === port)) {
      throw new AwsError('DuplicateListener', 'A listener already exists on this port for this load balancer');
    }
    const [, balancerPath = ''] = balancer.arn.split(':loadbalancer/');
    const listener: Listener = {
      arn: `${balancer.arn.split(':loadbalancer/')[0]}:listener/${balancerPath}/${randomHex(16)}`,
      loadBalancerArn: balancer.arn,
      region,
      port,
      protocol: input.requireString('Protocol'),
      defaultActions: actions,
      tags: readTags(input),
    };
    aws.elbv2.listeners.set(listener.arn, listener);
    return {Listeners: members([listenerXml(listener)])};
  },

  DeleteListener({input, region, aws}) {
    const listener = findListener(aws, region, input.requireString('ListenerArn'));
    aws.elbv2.listeners.delete(listener.arn);
  },

  DescribeListeners({input, region, aws}) {
    const balancerArn = input.string('LoadBalancerArn');
    const arns = input.strings('ListenerArns.member');
    if (balancerArn !== undefined) findLoadBalancer(aws, region, balancerArn);
    for (const arn of arns) findListener(aws, region, arn);
    const listeners = [...aws.elbv2.listeners.values()].filter((listener) =>
      listener.region === region && (balancerArn === undefined || listener.loadBalancerArn === balancerArn) &&
      (arns.length === 0 || arns.includes(listener.arn)));
    return elbPage(input, listeners, 'Listeners', listenerXml);
  },
};

export function findListener(aws: AwsState, region: string, arn: string): Listener {
  const listener = aws.elbv2.listeners.get(arn);
  if (!listener || listener.region !== region) throw listenerNotFound();
  return listener;
}
