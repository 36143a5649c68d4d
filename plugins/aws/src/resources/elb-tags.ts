/** ELBv2's tag update in place (creates tag in their create calls). */
import {AddTagsCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {HandlerContext} from '@kopsx/core';
import {recordToTags} from '../tags.js';
import type {Tags} from '../tags.js';

/** Set the desired tags that differ; tags others added stay. */
export async function updateElbTags(elbv2: ElasticLoadBalancingV2Client, ctx: HandlerContext, arn: string, before: Tags, after: Tags): Promise<void> {
  const changed = Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
  if (Object.keys(changed).length === 0) return;
  await elbv2.send(new AddTagsCommand({ResourceArns: [arn], Tags: recordToTags(changed)}), {abortSignal: ctx.signal});
}
