/**
 * The cluster's IAM roles, their inline policies and their instance profiles, read together: one
 * GetAccountAuthorizationDetails listing answers for all three (IAM can neither filter it by path nor list by
 * tag, so the cluster's are picked by the IAM path `/kopsx/<cluster>/`). The role, inline policy and
 * instance-profile kinds share the result.
 *
 * Profiles appear there only through their role. A profile without one exists only when kopsx stopped between
 * creating the profile and adding its role (or between removing the role and deleting the profile): then the
 * role has no profile, and only then are the profiles also listed by path, so that no orphan goes unseen.
 */
import {GetAccountAuthorizationDetailsCommand, ListInstanceProfilesCommand} from '@aws-sdk/client-iam';
import type {InstanceProfile, RoleDetail} from '@aws-sdk/client-iam';
import type {HandlerContext} from '@kopsx/core';
import {iamPath} from '../names.js';
import type {AwsApi} from './aws-api.js';
import {allPages} from './paging.js';

export interface ClusterIam {
  readonly roles: readonly RoleDetail[];
  readonly instanceProfiles: readonly InstanceProfile[];
}

/** The most IAM returns per page. */
const MAX_ITEMS = 1000;

export function clusterIam(api: AwsApi, ctx: HandlerContext): Promise<ClusterIam> {
  return api.reads.read(ctx, 'iam', () => readClusterIam(api, ctx));
}

async function readClusterIam({clients: {iam}}: AwsApi, ctx: HandlerContext): Promise<ClusterIam> {
  const path = iamPath(ctx.clusterName);
  const signal = {abortSignal: ctx.signal};
  const allRoles = await allPages(async (Marker) => {
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({Filter: ['Role'], MaxItems: MAX_ITEMS, Marker}), signal);
    return {items: out.RoleDetailList, next: out.IsTruncated ? out.Marker : undefined};
  });
  const roles = allRoles.filter((role) => role.Path === path && role.RoleName);
  const profilesOfRoles = roles.map((role) => (role.InstanceProfileList ?? []).filter((profile) => profile.Path === path));
  if (profilesOfRoles.every((profiles) => profiles.length > 0)) return {roles, instanceProfiles: uniqueByName(profilesOfRoles.flat())};
  const instanceProfiles = await allPages(async (Marker) => {
    const out = await iam.send(new ListInstanceProfilesCommand({PathPrefix: path, MaxItems: MAX_ITEMS, Marker}), signal);
    return {items: out.InstanceProfiles, next: out.IsTruncated ? out.Marker : undefined};
  });
  return {roles, instanceProfiles: instanceProfiles.filter((profile) => profile.Path === path)};
}

function uniqueByName(profiles: readonly InstanceProfile[]): InstanceProfile[] {
  return [...new Map(profiles.map((profile) => [profile.InstanceProfileName, profile])).values()];
}

/** IAM returns policy documents URL-encoded. */
export function decodePolicy(document: string | undefined): string | undefined {
  return document === undefined ? undefined : decodeURIComponent(document);
}
