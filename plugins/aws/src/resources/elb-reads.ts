/**
 * The region's load balancers and target groups with their tags. ELBv2 cannot filter a listing by tag, so
 * everything is listed and the tags are read in batches of 20 ARNs (the API's limit); the load balancer,
 * target group and listener kinds share the result.
 */
import {DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupsCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {LoadBalancer, TargetGroup} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {HandlerContext} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {visibleTags} from './observe.js';
import {allPages} from './paging.js';

export interface Tagged<T> {
  readonly value: T;
  readonly tags: Record<string, string>;
}

export interface ClusterLoadBalancing {
  readonly loadBalancers: readonly Tagged<LoadBalancer>[];
  readonly targetGroups: readonly Tagged<TargetGroup>[];
}

const TAGS_PER_CALL = 20;

export function clusterLoadBalancing(api: AwsApi, ctx: HandlerContext): Promise<ClusterLoadBalancing> {
  return api.reads.read(ctx, 'load-balancing', () => readLoadBalancing(api, ctx));
}

async function readLoadBalancing({clients: {elbv2}}: AwsApi, ctx: HandlerContext): Promise<ClusterLoadBalancing> {
  const signal = {abortSignal: ctx.signal};
  const [loadBalancers, targetGroups] = await Promise.all([
    allPages(async (Marker) => {
      const out = await elbv2.send(new DescribeLoadBalancersCommand({Marker}), signal);
      return {items: out.LoadBalancers, next: out.NextMarker};
    }),
    allPages(async (Marker) => {
      const out = await elbv2.send(new DescribeTargetGroupsCommand({Marker}), signal);
      return {items: out.TargetGroups, next: out.NextMarker};
    }),
  ]);
  const arns = [...loadBalancers.map((lb) => lb.LoadBalancerArn), ...targetGroups.map((tg) => tg.TargetGroupArn)].filter((arn) => arn !== undefined);
  const tagsByArn = new Map<string, Record<string, string>>();
  for (let start = 0; start < arns.length; start += TAGS_PER_CALL) {
    const out = await elbv2.send(new DescribeTagsCommand({ResourceArns: arns.slice(start, start + TAGS_PER_CALL)}), signal);
    for (const description of out.TagDescriptions ?? []) {
      if (description.ResourceArn) tagsByArn.set(description.ResourceArn, visibleTags(description.Tags));
    }
  }
  const owned = <T>(items: T[], arnOf: (item: T) => string | undefined, kind: string): Tagged<T>[] =>
    items.flatMap((value) => {
      const tags = tagsByArn.get(arnOf(value) ?? '') ?? {};
      return ownershipOf(tags, ctx.clusterName, kind) === 'owned' ? [{value, tags}] : [];
    });
  return {
    loadBalancers: owned(loadBalancers, (lb) => lb.LoadBalancerArn, Kind.loadBalancer),
    targetGroups: owned(targetGroups, (tg) => tg.TargetGroupArn, Kind.targetGroup),
  };
}
