/**
 * The Kubernetes API's network load balancer: TCP 443 forwarded to the control-plane instances, which their
 * autoscaling groups register in the target group. One subnet per zone, chosen by the load balancer's scheme.
 */
import {ValidationError, ref} from '@kopsx/core';
import type {Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancingNames} from '../names.js';
import type {ModelContext, ModelSubnet} from './model-context.js';
import {isPublic} from './network.js';
import {securityGroupId} from './security.js';

export const API_PORT = 443;

export function apiLoadBalancerName(ctx: ModelContext): string {
  return apiLoadBalancingNames(ctx.clusterName).resource;
}

export function apiTargetGroupArn(ctx: ModelContext): Ref {
  return ref(Kind.targetGroup, apiLoadBalancerName(ctx), 'arn');
}

export function addApiLoadBalancer(ctx: ModelContext): void {
  const names = apiLoadBalancingNames(ctx.clusterName);
  const name = names.resource;
  const scheme = ctx.spec.api?.loadBalancer?.type === 'Internal' ? 'internal' : 'internet-facing';
  const subnets = loadBalancerSubnets(ctx, scheme);
  if (subnets.length === 0) {
    throw new ValidationError([
      {path: 'spec.subnets', message: `an ${scheme} API load balancer needs a subnet to live in`, hint: 'add a Public or Utility subnet'},
    ]);
  }
  ctx.add(Kind.loadBalancer, name, {
    loadBalancerName: names.loadBalancer,
    type: 'network',
    scheme,
    subnetIds: subnets.map((s) => s.id),
    securityGroupIds: [securityGroupId(ctx, 'api-lb')],
  });
  ctx.add(Kind.targetGroup, name, {
    targetGroupName: names.targetGroup,
    protocol: 'TCP',
    port: API_PORT,
    targetType: 'instance',
    vpcId: ctx.vpcId(),
  });
  ctx.add(Kind.listener, `${name}:${API_PORT}`, {
    loadBalancerArn: ref(Kind.loadBalancer, name, 'arn'),
    protocol: 'TCP',
    port: API_PORT,
    targetGroupArn: apiTargetGroupArn(ctx),
  });
}

/** An internet-facing load balancer needs public (or utility) subnets; an internal one prefers private ones. */
function loadBalancerSubnets(ctx: ModelContext, scheme: string): ModelSubnet[] {
  const wanted = (s: ModelSubnet) => (scheme === 'internal' ? !isPublic(s) : isPublic(s));
  return ctx.zones.flatMap((zone) => {
    const inZone = ctx.subnets.filter((s) => s.zone === zone);
    const subnet = inZone.find(wanted) ?? (scheme === 'internal' ? inZone[0] : undefined);
    return subnet ? [subnet] : [];
  });
}
