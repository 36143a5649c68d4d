/**
 * How a resource is known to belong to a cluster. Google Cloud lets few kinds carry labels (instances,
 * disks, addresses, forwarding rules), so every resource kopsx creates carries its cluster in the
 * description, written once at creation, in full: `Managed by kopsx for cluster dev.example.com`. Labelled
 * kinds also carry the cluster's label, which is what their listing filters on; the description is what
 * decides, so a look-alike label (set by hand, or by another tool copying labels) never makes a resource
 * the cluster's.
 */
import {clusterSlug, sanitize} from './names.js';

/** The cluster, as a label value (see `clusterSlug`). */
export const CLUSTER_LABEL = 'kopsx-k8s-io-cluster-name';
/** On instance templates and (through them) instances: the kopsx instance group. */
export const INSTANCE_GROUP_LABEL = 'kopsx-k8s-io-instance-group';
/** On instance templates and instances: `control-plane`, `node` or `bastion`. */
export const ROLE_LABEL = 'kopsx-k8s-io-role';

export type Labels = Readonly<Record<string, string>>;

export function ownerDescription(clusterName: string): string {
  return `Managed by kopsx for cluster ${clusterName}`;
}

export function isOwned(description: string | null | undefined, clusterName: string): boolean {
  return description === ownerDescription(clusterName);
}

/** The labels of a resource kopsx creates: `extra` (user labels first) and the cluster's, which always wins. */
export function ownedLabels(clusterName: string, extra: Labels = {}): Labels {
  return {...extra, [CLUSTER_LABEL]: clusterSlug(clusterName)};
}

/** The list filter of labelled kinds. */
export function labelFilter(clusterName: string): string {
  return `labels.${CLUSTER_LABEL} = "${clusterSlug(clusterName)}"`;
}

/** The list filter of the kinds without labels: the description, exactly. */
export function descriptionFilter(clusterName: string): string {
  return `description = "${ownerDescription(clusterName)}"`;
}

/**
 * User labels (`spec.cloudLabels`) in Google's alphabet: keys start with a letter; keys and values are at
 * most 63 lowercase letters, digits, `-` and `_`.
 */
export function gceLabels(labels: Readonly<Record<string, string>> = {}): Record<string, string> {
  const label = (text: string) => sanitize(text).slice(0, 63);
  return Object.fromEntries(
    Object.entries(labels).flatMap(([key, value]) => {
      const safeKey = label(key);
      return /^[a-z]/.test(safeKey) ? [[safeKey, label(value)]] : [];
    }),
  );
}
