/**
 * The cluster's launch templates with the data of their newest versions, in two listings whatever their number:
 * the templates by tag, and the `$Latest` version of every template in the region (DescribeLaunchTemplateVersions
 * without a template answers for all of them).
 */
import {DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand} from '@aws-sdk/client-ec2';
import type {LaunchTemplate, LaunchTemplateVersion} from '@aws-sdk/client-ec2';
import type {HandlerContext} from '@kopsx/core';
import type {AwsApi} from './aws-api.js';
import {clusterFilter} from './ec2-tags.js';
import {allPages} from './paging.js';

export interface TemplateWithLatest {
  readonly template: LaunchTemplate;
  readonly latest: LaunchTemplateVersion | undefined;
}

export async function clusterLaunchTemplates({clients: {ec2}}: AwsApi, ctx: HandlerContext): Promise<TemplateWithLatest[]> {
  const signal = {abortSignal: ctx.signal};
  const [templates, versions] = await Promise.all([
    allPages(async (NextToken) => {
      const out = await ec2.send(new DescribeLaunchTemplatesCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), signal);
      return {items: out.LaunchTemplates, next: out.NextToken};
    }),
    allPages(async (NextToken) => {
      const out = await ec2.send(new DescribeLaunchTemplateVersionsCommand({Versions: ['$Latest'], MaxResults: 200, NextToken}), signal);
      return {items: out.LaunchTemplateVersions, next: out.NextToken};
    }),
  ]);
  const latestById = new Map(versions.map((version) => [version.LaunchTemplateId, version]));
  return Promise.all(
    templates.map(async (template) => {
      const latest = latestById.get(template.LaunchTemplateId);
      // A template made between the two listings: asked for on its own.
      if (latest || !template.LaunchTemplateId) return {template, latest};
      const out = await ec2.send(new DescribeLaunchTemplateVersionsCommand({LaunchTemplateId: template.LaunchTemplateId, Versions: ['$Latest']}), signal);
      return {template, latest: out.LaunchTemplateVersions?.[0]};
    }),
  );
}
