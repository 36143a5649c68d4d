import type {AwsState} from '../aws-state.js';
import type {QueryCall, QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {paginate} from '../wire/paging.js';
import type {QueryInput} from '../wire/query-input.js';
import {items, type XmlFields} from '../wire/xml-writer.js';

export interface TagSpecification {
  readonly resourceType: string;
  readonly tags: ReadonlyMap<string, string>;
}

/** `TagSpecification.N.ResourceType` + `TagSpecification.N.Tag.M.Key/Value`, as every EC2 create accepts. */
export function readTagSpecifications(node: QueryInput): TagSpecification[] {
  return node.list('TagSpecification').map((spec) => ({
    resourceType: spec.requireString('ResourceType'),
    tags: new Map(spec.list('Tag').map((tag) => [tag.requireString('Key'), tag.string('Value') ?? ''])),
  }));
}

/** EC2's `tagSet` element. */
export function tagSetXml(tags: ReadonlyMap<string, string>): XmlFields {
  return items([...tags].map(([key, value]) => ({key, value})));
}

/** The tags a create call's `TagSpecification.N` asks for on a resource of `resourceType`. */
export function requestedTags(call: QueryCall, resourceType: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const spec of readTagSpecifications(call.input)) {
    if (spec.resourceType === resourceType) for (const [key, value] of spec.tags) tags.set(key, value);
  }
  return tags;
}

/** Anything EC2 tags: resources in a table, and security group rules, which live inside their group. */
interface Taggable {
  readonly id: string;
  readonly tags: Map<string, string>;
}

interface TaggedResource {
  readonly resource: Taggable;
  readonly resourceType: string;
}

const RULE_PREFIX = 'sgr-';

function securityGroupRules(aws: AwsState, region: string): Taggable[] {
  return aws.ec2.securityGroups.inRegion(region).flatMap((group) => group.rules);
}

function findTaggable(aws: AwsState, region: string, id: string): TaggedResource {
  if (id.startsWith(RULE_PREFIX)) {
    const rule = securityGroupRules(aws, region).find((candidate) => candidate.id === id);
    if (!rule) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
    return {resource: rule, resourceType: 'security-group-rule'};
  }
  const entry = aws.ec2.taggable().find(({prefix}) => id.startsWith(prefix));
  const resource = entry?.table.get(region, id);
  if (!entry || !resource) {
    throw new AwsError(entry?.notFoundCode ?? 'InvalidID', `The ID '${id}' does not exist`);
  }
  return {resource, resourceType: entry.resourceType};
}

function allTagged(aws: AwsState, region: string): TaggedResource[] {
  return [
    ...aws.ec2.taggable().flatMap(({resourceType, table}) =>
      table.inRegion(region).map((resource) => ({resource, resourceType})),
    ),
    ...securityGroupRules(aws, region).map((resource) => ({resource, resourceType: 'security-group-rule'})),
  ];
}

interface TagEntry {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly key: string;
  readonly value: string;
}

export const tagHandlers: QueryHandlers = {
  CreateTags({input, region, aws}) {
    const targets = input.strings('ResourceId').map((id) => findTaggable(aws, region, id));
    const tags = input.list('Tag').map((tag) => [tag.requireString('Key'), tag.string('Value') ?? ''] as const);
    for (const {resource} of targets) for (const [key, value] of tags) resource.tags.set(key, value);
    return {return: true};
  },

  DeleteTags({input, region, aws}) {
    const targets = input.strings('ResourceId').map((id) => findTaggable(aws, region, id));
    const tags = input.list('Tag').map((tag) => ({key: tag.requireString('Key'), value: tag.string('Value')}));
    for (const {resource} of targets) {
      // No Tag.N deletes every tag; a Tag.N with a Value deletes the tag only when the value matches.
      if (tags.length === 0) resource.tags.clear();
      for (const {key, value} of tags) {
        if (value === undefined || resource.tags.get(key) === value) resource.tags.delete(key);
      }
    }
    return {return: true};
  },

  DescribeTags({input, region, aws}) {
    const entries: TagEntry[] = allTagged(aws, region).flatMap(({resource, resourceType}) =>
      [...resource.tags].map(([key, value]) => ({resourceId: resource.id, resourceType, key, value})),
    );
    const matching = applyFilters(entries, readFilters(input, 'Filter', 'Value'), {
      fields: {
        'resource-id': (entry) => entry.resourceId,
        'resource-type': (entry) => entry.resourceType,
        key: (entry) => entry.key,
        value: (entry) => entry.value,
      },
      tags: (entry) => new Map([[entry.key, entry.value]]),
    });
    const page = paginate(matching, {maxResults: input.integer('MaxResults'), token: input.string('NextToken')});
    return {tagSet: items(page.items.map((entry) => ({...entry}))), nextToken: page.nextToken};
  },
};
