/**
 * Instance user-data: core's bootstrap renders it from the keystore (see docs/security.md); this module says what
 * is GCE-specific about it — which API address machines join, keeping pods away from the metadata server — and
 * how Terraform output carries it. The instance template puts it in the `user-data` metadata value, where
 * cloud-init's GCE datasource reads it.
 */
import {isJoin, isRef, ref} from '@kopsx/core';
import type {InstanceGroup, PropertyValue, Ref, UserDataRequest} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancerName} from './api-load-balancer.js';
import type {ModelContext} from './model-context.js';

/** Google's limit for one metadata value; gzipped (and base64) beyond it, see the instance template handler. */
export const USER_DATA_LIMIT_BYTES = 256 * 1024;

/**
 * Pods must not reach the metadata server: it hands out the instance's service account tokens and serves the
 * user-data, with the join secrets. Pod traffic enters the host through PREROUTING while the host's own requests
 * never do, and the `raw` table comes before any rule a network plugin adds. Checked first, so a rerun adds
 * nothing. (metadata.google.internal is 169.254.169.254.)
 */
export const METADATA_LOCKDOWN: readonly string[] = [
  'iptables -w -t raw -C PREROUTING -d 169.254.169.254/32 -j DROP 2>/dev/null || iptables -w -t raw -I PREROUTING -d 169.254.169.254/32 -j DROP',
];

/**
 * The group's bootstrap request. Machines join `api.internal.<cluster>` when the cluster publishes DNS (its record
 * holds the load balancer's address); a `.k8s.local` cluster has no names, so they join the load balancer's
 * address itself, known once it is reserved: the user-data is then a join() resolved at apply time.
 *
 * No etcd volume is given: attaching the etcd disks needs an agent on the instance, which kopsx does not have
 * yet, so etcd keeps its data on the boot disk (see docs/gce.md).
 */
export function userDataRequest(ctx: ModelContext, group: InstanceGroup): UserDataRequest {
  const apiEndpoint = ctx.usesDns ? `api.internal.${ctx.clusterName}` : ref(Kind.address, apiLoadBalancerName(ctx), 'address');
  return {instanceGroup: group.metadata.name, apiEndpoint, preKubeadmCommands: METADATA_LOCKDOWN};
}

/** Where Terraform output keeps an instance template's user-data, relative to the output directory. */
export function userDataPath(templateName: string): string {
  return `data/google_compute_instance_template_${templateName}_metadata_user-data`;
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
  if (!isJoin(userData)) throw new Error(`instance template user-data must be text or a join, got ${JSON.stringify(userData)}`);
  const refs: Ref[] = [];
  const parts = userData.$join.map((part) => {
    if (!isRef(part)) return part;
    const known = refs.findIndex((r) => JSON.stringify(r) === JSON.stringify(part));
    if (known >= 0) return refPlaceholder(known);
    refs.push(part);
    return refPlaceholder(refs.length - 1);
  });
  return {content: parts.join(''), refs};
}
