/**
 * Names that Google Cloud sees. Compute resource names are at most 63 lowercase letters, digits and dashes,
 * starting with a letter, and unique per project and kind (or per region or zone). Every name kopsx gives ends
 * with the cluster's name in that alphabet and a short hash of the exact cluster name: `a.b.com` and `a-b.com`
 * read alike but never share a name, and a cluster name too long to fit is cut without losing uniqueness.
 */
import {createHash} from 'node:crypto';

/** Compute names, label values and network tags. */
export const NAME_MAX = 63;
/** Managed instance groups add `-xxxx` to their base instance name. */
export const BASE_INSTANCE_NAME_MAX = 58;
/** IAM service account IDs. */
export const SERVICE_ACCOUNT_ID_MAX = 30;

const CLUSTER_HASH_LENGTH = 4;

export function shortHash(text: string, length: number): string {
  return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`).toString(36).slice(0, length);
}

/** Lowercase letters, digits and single dashes, without dashes at either end: `Dev.Example.com` → `dev-example-com`. */
export function sanitize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * `<prefix>-<cluster name>-<hash>`, cutting the cluster name to fit `max`: e.g. `nodes-us-central1-a` of
 * `dev.example.com` is `nodes-us-central1-a-dev-example-com-3k9f`. `prefix` starts with a letter. A prefix that
 * leaves no room for the cluster (a very long instance group name) is cut too, and the hash covers both.
 */
export function gceName(prefix: string, clusterName: string, max = NAME_MAX): string {
  const hash = shortHash(clusterName, CLUSTER_HASH_LENGTH);
  const room = max - prefix.length - hash.length - 2;
  if (room < 1) {
    const whole = shortHash(`${prefix}/${clusterName}`, 8);
    return `${prefix.slice(0, max - whole.length - 1).replace(/-+$/, '')}-${whole}`;
  }
  const cluster = sanitize(clusterName).slice(0, room).replace(/-+$/, '');
  return `${prefix}-${cluster}-${hash}`;
}

/** The cluster in a label value: its name in the label alphabet with the hash, e.g. `dev-example-com-3k9f`. */
export function clusterSlug(clusterName: string): string {
  const hash = shortHash(clusterName, CLUSTER_HASH_LENGTH);
  return `${sanitize(clusterName).slice(0, NAME_MAX - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** The region of a zone: `us-central1-a` → `us-central1`; undefined for anything that is not a zone name. */
export function regionOfZone(zone: string): string | undefined {
  return /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(zone)?.[1];
}

/** `us-central1-a` → `a`: how kOps tells the managed instance groups of one instance group apart. */
export function zoneLetter(zone: string): string {
  return zone.slice(zone.lastIndexOf('-') + 1);
}

/** The last segment of a resource link: `.../zones/us-central1-a` → `us-central1-a`. */
export function lastSegment(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
