/**
 * `api.<cluster>` and `api.internal.<cluster>`, both aliases of the API load balancer, in the cluster's hosted
 * zone. A `.k8s.local` cluster has none: its kubeconfig names the load balancer directly.
 */
import {ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancerName} from './api-load-balancer.js';
import type {ModelContext} from './model-context.js';

export function addDnsRecords(ctx: ModelContext): void {
  if (!ctx.usesDns) return;
  const zone = hostedZone(ctx);
  const privateZone = ctx.spec.topology?.dns?.type === 'Private' ? true : undefined;
  if ('dnsZone' in zone) {
    // A lookup, like `image`: shared, never touched; Terraform output renders it as the zone's data source.
    ctx.add(Kind.route53Zone, zone.dnsZone, {privateZone}, {lifecycle: 'shared', id: zone.dnsZone});
  }
  const loadBalancer = apiLoadBalancerName(ctx);
  for (const name of [`api.${ctx.clusterName}`, `api.internal.${ctx.clusterName}`]) {
    ctx.add(Kind.route53Record, name, {
      ...zone,
      privateZone,
      type: 'A',
      aliasDnsName: ref(Kind.loadBalancer, loadBalancer, 'dnsName'),
      aliasHostedZoneId: ref(Kind.loadBalancer, loadBalancer, 'canonicalHostedZoneId'),
    });
  }
}

/**
 * `spec.dnsZone` holds a zone name or a hosted zone ID (`Z...`, as kOps allows); without it the zone is the
 * cluster name's parent domain.
 */
function hostedZone(ctx: ModelContext): {dnsZone: string} | {hostedZoneId: string} {
  const zone = ctx.spec.dnsZone ?? ctx.clusterName.slice(ctx.clusterName.indexOf('.') + 1);
  if (/^Z[A-Z0-9]+$/.test(zone)) return {hostedZoneId: zone};
  return {dnsZone: zone.toLowerCase().replace(/\.$/, '')};
}
