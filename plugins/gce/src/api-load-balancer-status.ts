/**
 * The API load balancer as Google sees it: the forwarding rule's address, and the control-plane instances behind
 * its backend service. Google's per-backend health (`getHealth`) is not read: an instance counts as healthy
 * while it runs, and validation asks the API servers themselves.
 */
import type {ApiLoadBalancerStatus, HandlerContext} from '@kopsx/core';
import {clusterInstances, creatorOf} from './cluster-instances.js';
import {lastSegment} from './names.js';
import type {GceApi} from './resources/index.js';
import {ownedListRequest, ownedOnly} from './resources/owned-listing.js';

export async function apiLoadBalancerStatus(api: GceApi, clusterName: string, signal?: AbortSignal): Promise<ApiLoadBalancerStatus | undefined> {
  const ctx: HandlerContext = {clusterName, signal: signal ?? new AbortController().signal, log: () => {}};
  const {project, region} = api;
  const [rules] = await api.clients.compute.forwardingRules.list({project, region, ...ownedListRequest(ctx, {labelled: true})});
  const rule = ownedOnly(ctx, rules).find((r) => r.backendService && r.IPAddress);
  if (!rule?.backendService || !rule.IPAddress) return undefined;
  const [[service], instances] = await Promise.all([
    api.clients.compute.regionBackendServices.get({project, region, backendService: lastSegment(rule.backendService)}),
    clusterInstances(api, clusterName),
  ]);
  // A backend is a managed group's instance group, `.../zones/<zone>/instanceGroups/<group name>`.
  const backends = new Set((service.backends ?? []).map(({group}) => /zones\/([^/]+)\/instanceGroups\/([^/]+)$/.exec(group ?? '')?.slice(1).join('/')));
  const targets = instances.filter((instance) => backends.has(creatorOf(instance)));
  return {
    address: rule.IPAddress,
    healthyTargets: targets.filter((instance) => instance.status === 'RUNNING').length,
    totalTargets: targets.length,
  };
}
