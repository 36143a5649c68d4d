import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import {AwsError} from '../wire/aws-error.js';
import {paginate} from '../wire/paging.js';
import type {QueryInput} from '../wire/query-input.js';
import {members, type XmlFields, type XmlValue} from '../wire/xml-writer.js';
import type {LoadBalancer, TargetGroup} from './elbv2-state.js';

/** `arn:aws:elasticloadbalancing:REGION:ACCOUNT`, followed by `:loadbalancer/...` or `:targetgroup/...`. */
export function arnPrefix(region: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${AWS_ACCOUNT_ID}`;
}

export function loadBalancerNotFound(): AwsError {
  return new AwsError('LoadBalancerNotFound', 'One or more load balancers not found');
}

export function targetGroupNotFound(): AwsError {
  return new AwsError('TargetGroupNotFound', 'One or more target groups not found');
}

export function findLoadBalancer(aws: AwsState, region: string, arn: string): LoadBalancer {
  const balancer = aws.elbv2.loadBalancers.get(arn);
  if (!balancer || balancer.region !== region) throw loadBalancerNotFound();
  return balancer;
}

export function findTargetGroup(aws: AwsState, region: string, arn: string): TargetGroup {
  const group = aws.elbv2.targetGroups.get(arn);
  if (!group || group.region !== region) throw targetGroupNotFound();
  return group;
}

/** Names of load balancers and target groups: up to 32 letters, digits and hyphens, no hyphen at the ends. */
export function checkElbName(kind: string, name: string): void {
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name) || name.startsWith('internal-')) {
    throw new AwsError(
      'ValidationError',
      `The ${kind} name '${name}' is not valid: use up to 32 letters, digits and hyphens, not starting or ending with a hyphen`,
    );
  }
}

export function readTags(input: QueryInput): Map<string, string> {
  return new Map(input.list('Tags.member').map((tag) => [tag.requireString('Key'), tag.string('Value') ?? '']));
}

export function tagsXml(tags: ReadonlyMap<string, string>): XmlFields {
  return members([...tags].map(([Key, Value]) => ({Key, Value})));
}

/** ELBv2 paging: `Marker` + `PageSize` (at most 400) in, `NextMarker` out. */
export function elbPage<T>(input: QueryInput, items: readonly T[], listName: string, render: (item: T) => XmlValue): XmlFields {
  const maxResults = Math.min(input.integer('PageSize') ?? 400, 400);
  const page = paginate(items, {maxResults, token: input.string('Marker'), invalidTokenCode: 'ValidationError'});
  return {[listName]: members(page.items.map(render)), NextMarker: page.nextToken};
}
