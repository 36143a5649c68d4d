/** EC2's side of tagging: the discovery filter, tags in create calls, and tag updates in place. */
import {CreateTagsCommand} from '@aws-sdk/client-ec2';
import type {EC2Client, Filter, ResourceType, TagSpecification} from '@aws-sdk/client-ec2';
import type {HandlerContext, ObservedResource, ResolvedResource} from '@kopsx/core';
import {ownershipTagKey, recordToTags} from '../tags.js';
import type {Tags} from '../tags.js';
import {read} from './read-properties.js';

/** Everything tagged for the cluster, owned or shared; `ownershipOf` then keeps what kopsx manages. */
export function clusterFilter(clusterName: string): Filter[] {
  return [{Name: `tag:${ownershipTagKey(clusterName)}`, Values: ['owned', 'shared']}];
}

export function tagSpecifications(resourceType: ResourceType, tags: Tags): TagSpecification[] {
  return [{ResourceType: resourceType, Tags: recordToTags(tags)}];
}

/** Set the tags of `after` that differ from `before`. Tags others added stay: see `looseEqual`. */
export async function setTags(ec2: EC2Client, ctx: HandlerContext, id: string, before: Tags, after: Tags): Promise<void> {
  const changed = Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
  if (Object.keys(changed).length === 0) return;
  await ec2.send(new CreateTagsCommand({Resources: [id], Tags: recordToTags(changed)}), {abortSignal: ctx.signal});
}

/** Bring a resource's tags to its desired `tags` property. */
export async function updateTags(ec2: EC2Client, ctx: HandlerContext, current: ObservedResource, desired: ResolvedResource): Promise<void> {
  await setTags(ec2, ctx, current.id, (current.properties.tags ?? {}) as Tags, read(desired).record('tags'));
}
