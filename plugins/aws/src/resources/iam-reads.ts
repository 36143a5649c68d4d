/** The cluster's IAM roles, listed by the cluster's IAM path: the role and inline-policy kinds both read them. */
import {ListRolesCommand} from '@aws-sdk/client-iam';
import type {Role} from '@aws-sdk/client-iam';
import type {HandlerContext} from '@kopsx/core';
import {iamPath} from '../names.js';
import type {AwsApi} from './aws-api.js';
import {allPages} from './paging.js';

export function clusterRoles({clients: {iam}, reads}: AwsApi, ctx: HandlerContext): Promise<Role[]> {
  return reads.read(ctx, 'roles', () =>
    allPages(async (Marker) => {
      const out = await iam.send(new ListRolesCommand({PathPrefix: iamPath(ctx.clusterName), Marker}), {abortSignal: ctx.signal});
      return {items: out.Roles, next: out.IsTruncated ? out.Marker : undefined};
    }),
  );
}

/** IAM returns policy documents URL-encoded. */
export function decodePolicy(document: string | undefined): string | undefined {
  return document === undefined ? undefined : decodeURIComponent(document);
}
