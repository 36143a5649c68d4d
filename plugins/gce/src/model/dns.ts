/**
 * `api.<cluster>` and `api.internal.<cluster>`, A records of the API load balancer's address in the cluster's
 * Cloud DNS zone. A `.k8s.local` cluster has none: its kubeconfig names the load balancer's address directly.
 */
import {ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancerName} from './api-load-balancer.js';
import type {ModelContext} from './model-context.js';

export const API_RECORD_TTL = 60;

export function addDnsRecords(ctx: ModelContext): void {
  if (!ctx.usesDns) return;
  const privateZone = ctx.spec.topology?.dns?.type === 'Private' ? true : undefined;
  const dnsZone = dnsZoneOf(ctx);
  ctx.add(Kind.dnsZone, dnsZone, {privateZone}, {lifecycle: 'shared', id: dnsZone});
  for (const name of [`api.${ctx.clusterName}`, `api.internal.${ctx.clusterName}`]) {
    ctx.add(Kind.dnsRecord, name, {
      dnsZone,
      privateZone,
      type: 'A',
      ttl: API_RECORD_TTL,
      rrdatas: [ref(Kind.address, apiLoadBalancerName(ctx), 'address')],
    });
  }
}

/** `spec.dnsZone` is the zone's DNS name (`example.com`); without it the zone is the cluster name's parent domain. */
function dnsZoneOf(ctx: ModelContext): string {
  const zone = ctx.spec.dnsZone ?? ctx.clusterName.slice(ctx.clusterName.indexOf('.') + 1);
  return zone.toLowerCase().replace(/\.$/, '');
}
