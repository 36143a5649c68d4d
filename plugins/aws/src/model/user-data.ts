/**
 * Instance user-data: core's bootstrap renders it from the keystore (see docs/security.md); this module says
 * what is AWS-specific about it — which API address machines join, the metadata service lockdown, the 16 KiB
 * limit — and how Terraform output carries it.
 */
import {isJoin, isRef, ref, resourceKey} from '@kopsx/core';
import type {InstanceGroup, PropertyValue, Ref, UserDataRequest} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancerName} from './api-load-balancer.js';
import {etcdVolumeOf} from './etcd-volume-attach.js';
import type {ModelContext} from './model-context.js';

/** EC2 takes at most 16 KiB of user-data before base64; longer documents are gzipped (see fitUserData). */
export const USER_DATA_LIMIT_BYTES = 16_384;

/**
 * Pods must not reach the instance metadata service (the instance role's credentials, the user-data's join
 * secrets). The launch template already requires IMDSv2 with a hop limit of 1, which pods cannot use; this
 * drops their packets to it as well, should a template ever be loosened. Pod traffic enters the host through
 * PREROUTING while the host's own requests never do, and the `raw` table comes before any rule a network
 * plugin adds to FORWARD. Checked first, so a rerun adds nothing.
 */
export const METADATA_LOCKDOWN: readonly string[] = [
  'iptables -w -t raw -C PREROUTING -d 169.254.169.254/32 -j DROP 2>/dev/null || iptables -w -t raw -I PREROUTING -d 169.254.169.254/32 -j DROP',
];

/**
 * The group's bootstrap request. Machines join `api.internal.<cluster>` when the cluster publishes DNS (its
 * record points at the load balancer); a `.k8s.local` cluster has no names, so they join the load balancer's
 * own DNS name, known once it exists: the user-data is then a join() resolved at apply time.
 *
 * Control planes also attach and mount their etcd volume (see etcd-volume-attach.ts).
 */
export function userDataRequest(ctx: ModelContext, group: InstanceGroup): UserDataRequest {
  const apiEndpoint = ctx.usesDns
    ? `api.internal.${ctx.clusterName}`
    : ref(Kind.loadBalancer, apiLoadBalancerName(ctx), 'dnsName');
  const etcdVolume = etcdVolumeOf(ctx, group);
  return {instanceGroup: group.metadata.name, apiEndpoint, preKubeadmCommands: METADATA_LOCKDOWN, ...(etcdVolume ? {etcdVolume} : {})};
}

/** Where Terraform output keeps a launch template's user-data, relative to the output directory. */
export function userDataPath(launchTemplateName: string): string {
  return `data/aws_launch_template_${launchTemplateName}_user_data`;
}

/** User-data as a file for Terraform: the text, with a placeholder where each reference goes. */
export interface UserDataTemplate {
  readonly content: string;
  /** The references in order: the i-th is written as `refPlaceholder(i)`. */
  readonly refs: readonly Ref[];
}

/** Cannot occur in rendered user-data, and holds no `${`, which Terraform would read as interpolation. */
export function refPlaceholder(index: number): string {
  return `@@KOPSX_REFERENCE_${index}@@`;
}

export function userDataTemplate(userData: PropertyValue): UserDataTemplate {
  if (typeof userData === 'string') return {content: userData, refs: []};
  if (!isJoin(userData)) throw new Error(`launch template user-data must be text or a join, got ${JSON.stringify(userData)}`);
  const refs: Ref[] = [];
  const same = (a: Ref, b: Ref) => resourceKey(a.$ref) === resourceKey(b.$ref) && a.$ref.attribute === b.$ref.attribute;
  const parts = userData.$join.map((part) => {
    if (!isRef(part)) return part;
    let index = refs.findIndex((known) => same(known, part));
    if (index < 0) index = refs.push(part) - 1;
    return refPlaceholder(index);
  });
  return {content: parts.join(''), refs};
}
