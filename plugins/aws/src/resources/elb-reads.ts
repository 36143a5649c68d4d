/**
 * The cluster's API load balancer and target group, asked for by their names: those carry a hash of the
 * cluster name (see `elbName`), so no other cluster's can match, and the call costs the same however many load
 * balancers the region holds. ELBv2 lists tags only with a call of their own, so discovery does not read them;
 * deletion checks them first (see `assertOwned`). The load balancer, target group and listener kinds share the
 * result.
 */
import {DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupsCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ElasticLoadBalancingV2Client, LoadBalancer, TargetGroup} from '@aws-sdk/client-elastic-load-balancing-v2';
import {KopsxError} from '@kopsx/core';
import type {HandlerContext, ObservedResource} from '@kopsx/core';
import {classifyError} from '../errors.js';
import {apiLoadBalancingNames} from '../names.js';
import {ownershipOf, tagsToRecord} from '../tags.js';
import type {AwsApi} from './aws-api.js';

export interface ClusterLoadBalancing {
  readonly loadBalancer?: LoadBalancer;
  readonly targetGroup?: TargetGroup;
}

export function clusterLoadBalancing(api: AwsApi, ctx: HandlerContext): Promise<ClusterLoadBalancing> {
  return api.reads.read(ctx, 'load-balancing', () => readLoadBalancing(api, ctx));
}

function readLoadBalancing({clients: {elbv2}}: AwsApi, ctx: HandlerContext): Promise<ClusterLoadBalancing> {
  return findApiLoadBalancing(elbv2, ctx.clusterName, ctx.signal);
}

/** The cluster's API load balancer and target group, each absent until created. */
export async function findApiLoadBalancing(
  elbv2: ElasticLoadBalancingV2Client,
  clusterName: string,
  abortSignal?: AbortSignal,
): Promise<ClusterLoadBalancing> {
  const names = apiLoadBalancingNames(clusterName);
  const [loadBalancer, targetGroup] = await Promise.all([
    absentIfNotFound(async () => (await elbv2.send(new DescribeLoadBalancersCommand({Names: [names.loadBalancer]}), {abortSignal})).LoadBalancers?.[0]),
    absentIfNotFound(async () => (await elbv2.send(new DescribeTargetGroupsCommand({Names: [names.targetGroup]}), {abortSignal})).TargetGroups?.[0]),
  ]);
  return {...(loadBalancer ? {loadBalancer} : {}), ...(targetGroup ? {targetGroup} : {})};
}

/** Asking for a name that does not exist is an error in ELBv2, where a listing would be empty. */
async function absentIfNotFound<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (classifyError(error) === 'not-found') return undefined;
    throw error;
  }
}

/**
 * Refuses to delete a load balancer or target group that is not tagged as this cluster's: found by name, it could
 * in principle be someone else's that happens to carry it.
 */
export async function assertOwned(elbv2: ElasticLoadBalancingV2Client, ctx: HandlerContext, resource: ObservedResource): Promise<void> {
  const out = await elbv2.send(new DescribeTagsCommand({ResourceArns: [resource.id]}), {abortSignal: ctx.signal});
  const tags = tagsToRecord(out.TagDescriptions?.[0]?.Tags);
  if (ownershipOf(tags, ctx.clusterName, resource.kind) !== 'owned') {
    throw new KopsxError(
      `refusing to delete ${resource.kind} ${resource.id}: it carries this cluster's name but not its ownership tags`,
      'NotOwned',
      `delete it yourself if it is left over from cluster ${ctx.clusterName}, or rename it`,
    );
  }
}
