/**
 * The Kubernetes API's load balancer: a passthrough network load balancer on TCP 443 — a static address, a
 * forwarding rule, a regional backend service over the control planes' managed instance groups, and an HTTPS
 * health check of the API servers' `/healthz`. External by default; `spec.api.loadBalancer.type: Internal`
 * keeps it inside the network, in the control planes' subnetwork.
 */
import {ValidationError, ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {managerName} from './instance-groups.js';
import type {ModelContext} from './model-context.js';

export const API_PORT = 443;

export function apiLoadBalancerName(ctx: ModelContext): string {
  return ctx.named('api');
}

export function isInternalApi(ctx: ModelContext): boolean {
  return ctx.spec.api?.loadBalancer?.type === 'Internal';
}

export function addApiLoadBalancer(ctx: ModelContext): void {
  const name = apiLoadBalancerName(ctx);
  const controlPlanes = ctx.instanceGroups.filter((g) => g.spec.role === 'ControlPlane');
  const [first] = controlPlanes;
  if (!first) throw new ValidationError([{path: 'instanceGroups', message: 'the cluster has no control-plane instance group'}]);
  const internal = isInternalApi(ctx);
  const scheme = internal ? 'INTERNAL' : 'EXTERNAL';
  const subnetwork = internal ? ctx.subnetsOf(first)[0]?.link : undefined;
  const network = internal ? ctx.networkLink() : undefined;

  ctx.add(Kind.address, name, {region: ctx.region, addressType: scheme, subnetwork});
  const healthCheck = ctx.add(Kind.healthCheck, name, {region: ctx.region, type: 'HTTPS', port: API_PORT, requestPath: '/healthz'});
  const backends = controlPlanes.flatMap((group) =>
    ctx.zonesOf(group).map((zone) => ref(Kind.instanceGroupManager, managerName(ctx, group, zone), 'instanceGroup')),
  );
  const backendService = ctx.add(Kind.backendService, name, {
    region: ctx.region,
    loadBalancingScheme: scheme,
    protocol: 'TCP',
    network,
    healthChecks: [healthCheck],
    backends,
  });
  ctx.add(Kind.forwardingRule, name, {
    region: ctx.region,
    loadBalancingScheme: scheme,
    IPAddress: ref(Kind.address, name, 'address'),
    IPProtocol: 'TCP',
    ports: [String(API_PORT)],
    backendService,
    network,
    subnetwork,
  });
}
