/**
 * Names that AWS sees. Logical names follow kOps' habit of suffixing the cluster name
 * (`nodes-us-east-1a.c.example.com`), which keeps them unique in an account and readable in the console; where
 * AWS limits a name's length or characters, a short stable hash of the full name keeps it unique.
 */
import {createHash} from 'node:crypto';

export function shortHash(text: string, length = 6): string {
  return BigInt(`0x${createHash('sha256').update(text).digest('hex')}`).toString(36).slice(0, length);
}

/**
 * `<prefix>.<cluster name>`: the logical and AWS-visible name of most resources (`nodes-us-east-1a.c.example.com`
 * is also the name of that instance group's autoscaling group and launch template).
 */
export function clusterScopedName(prefix: string, clusterName: string): string {
  return `${prefix}.${clusterName}`;
}

/** The inverse of `clusterScopedName`: `nodes-us-east-1a.c.example.com` → `nodes-us-east-1a`. */
export function unscopedName(name: string, clusterName: string): string {
  const suffix = `.${clusterName}`;
  return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** Cut `name` to `max` characters, replacing the tail by a hash of the whole when it is too long. */
export function fitName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = shortHash(name);
  return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}

/** IAM role and instance profile names: at most 64 characters. */
export function iamName(name: string): string {
  return fitName(name, 64);
}

/**
 * Load balancer and target group names: at most 32 letters, digits and hyphens, not starting with `internal-`.
 * Always hashed, so two clusters whose names only differ after the cut never collide; discovery finds the
 * cluster's load balancer and target group by these names.
 */
export function elbName(prefix: string, clusterName: string): string {
  const hash = shortHash(`${prefix}.${clusterName}`);
  const base = `${prefix}-${clusterName.replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 32 - hash.length - 1);
  return `${base.replace(/-+$/, '')}-${hash}`;
}

export interface ApiLoadBalancingNames {
  /** The logical name of the API load balancer and of its target group, `api.<cluster>`. */
  readonly resource: string;
  /** Their names in AWS (see `elbName`). */
  readonly loadBalancer: string;
  readonly targetGroup: string;
}

export function apiLoadBalancingNames(clusterName: string): ApiLoadBalancingNames {
  return {
    resource: clusterScopedName('api', clusterName),
    loadBalancer: elbName('api', clusterName),
    targetGroup: elbName('tcp', clusterName),
  };
}

/** The inverse of `apiLoadBalancingNames(...).resource`, also for the listener (`api.<cluster>:443`). */
export function clusterOfApiLoadBalancing(resourceName: string): string {
  return resourceName.replace(/^api\./, '').replace(/:\d+$/, '');
}

/** The IAM path that holds every role and instance profile of a cluster: listing it is one call. */
export function iamPath(clusterName: string): string {
  return `/kopsx/${clusterName}/`;
}

/** The inverse of `iamPath`. */
export function clusterOfIamPath(path: string): string {
  return path.replace(/^\/kopsx\//, '').replace(/\/$/, '');
}

/** The region of a zone: `us-east-1a` → `us-east-1`, `us-west-2-lax-1a` → `us-west-2`. */
export function regionOfZone(zone: string): string | undefined {
  return /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)/.exec(zone)?.[1];
}

/** `aws`, or the partition of the China and GovCloud regions, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
