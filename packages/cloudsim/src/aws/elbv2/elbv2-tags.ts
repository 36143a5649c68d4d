import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {members} from '../wire/xml-writer.js';
import {findLoadBalancer, findTargetGroup, readTags, tagsXml} from './elbv2-common.js';
import {findListener} from './listeners.js';

/** The tags of a load balancer, target group or listener, by ARN. */
function tagsOf(aws: AwsState, region: string, arn: string): Map<string, string> {
  if (arn.includes(':loadbalancer/')) return findLoadBalancer(aws, region, arn).tags;
  if (arn.includes(':targetgroup/')) return findTargetGroup(aws, region, arn).tags;
  if (arn.includes(':listener/')) return findListener(aws, region, arn).tags;
  throw new AwsError('ValidationError', `'${arn}' is not a valid load balancer, target group or listener ARN`);
}

export const elbv2TagHandlers: QueryHandlers = {
  AddTags({input, region, aws}) {
    const tags = readTags(input);
    for (const arn of input.strings('ResourceArns.member')) {
      const existing = tagsOf(aws, region, arn);
      for (const [key, value] of tags) existing.set(key, value);
    }
  },

  RemoveTags({input, region, aws}) {
    const keys = input.strings('TagKeys.member');
    for (const arn of input.strings('ResourceArns.member')) {
      const existing = tagsOf(aws, region, arn);
      for (const key of keys) existing.delete(key);
    }
  },

  DescribeTags({input, region, aws}) {
    const arns = input.strings('ResourceArns.member');
    return {TagDescriptions: members(arns.map((arn) => ({ResourceArn: arn, Tags: tagsXml(tagsOf(aws, region, arn))})))};
  },
};
