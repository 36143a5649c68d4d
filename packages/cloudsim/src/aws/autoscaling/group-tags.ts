import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {groupTagsXml} from './group-xml.js';
import {autoScalingPage, findGroup, readGroupTags} from './groups.js';

export const groupTagHandlers: QueryHandlers = {
  CreateOrUpdateTags({input, region, aws}) {
    for (const {resourceId, key, tag} of readGroupTags(input)) {
      if (!resourceId) throw new AwsError('ValidationError', 'ResourceId is required for each tag');
      findGroup(aws, region, resourceId).tags.set(key, tag);
    }
  },

  DeleteTags({input, region, aws}) {
    for (const {resourceId, key} of readGroupTags(input)) {
      if (!resourceId) throw new AwsError('ValidationError', 'ResourceId is required for each tag');
      findGroup(aws, region, resourceId).tags.delete(key);
    }
  },

  DescribeTags({input, region, aws}) {
    const tags = aws.autoscaling.inRegion(region).flatMap(groupTagsXml);
    const field = (name: string) => (tag: XmlFields) => String(tag[name]);
    const matching = applyFilters(tags, readFilters(input, 'Filters.member', 'Values.member'), {
      fields: {
        'auto-scaling-group': field('ResourceId'),
        key: field('Key'),
        value: field('Value'),
        'propagate-at-launch': field('PropagateAtLaunch'),
      },
      tags: (tag) => new Map([[String(tag.Key), String(tag.Value)]]),
      invalidFilterCode: 'ValidationError',
    });
    const page = autoScalingPage(input, matching);
    return {Tags: members(page.items), NextToken: page.nextToken};
  },
};
