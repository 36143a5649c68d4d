import type {EtcdClusterSpec, EtcdMemberSpec} from './types.js';

/** The etcd clusters every kOps-style cluster runs: `main` for Kubernetes objects, `events` for events. */
export const REQUIRED_ETCD_CLUSTERS = ['main', 'events'] as const;

const CONTROL_PLANE_PREFIX = 'control-plane-';

/**
 * Completes etcd clusters: adds a missing `main`/`events`, and gives any cluster without members one member per
 * control-plane instance group. Clusters that already have members are left as written.
 */
export function completeEtcdClusters(
  clusters: readonly EtcdClusterSpec[],
  controlPlaneGroups: readonly string[],
): EtcdClusterSpec[] {
  const missing = REQUIRED_ETCD_CLUSTERS.filter((name) => !clusters.some((c) => c.name === name));
  return [...clusters, ...missing.map((name): EtcdClusterSpec => ({name, etcdMembers: []}))].map((cluster) =>
    cluster.etcdMembers.length > 0 ? cluster : {...cluster, etcdMembers: etcdMembers(controlPlaneGroups)},
  );
}

/**
 * One member per group. Member names are the group names without the `control-plane-` prefix and without the
 * prefix all of them share, as kOps names them: `control-plane-eu-west-2a/b/c` → `a`, `b`, `c`; a name left
 * starting with a digit gets `etcd-` (`etcd-1`).
 */
function etcdMembers(groups: readonly string[]): EtcdMemberSpec[] {
  const names = groups.map((g) => (g.startsWith(CONTROL_PLANE_PREFIX) ? g.slice(CONTROL_PLANE_PREFIX.length) : g));
  const shared = sharedPrefixLength(names);
  return groups.map((instanceGroup, i) => {
    const name = (names[i] ?? instanceGroup).slice(shared);
    return {name: /^\d/.test(name) ? `etcd-${name}` : name, instanceGroup};
  });
}

/** Length of the prefix all names share, leaving each at least one character. */
function sharedPrefixLength(names: readonly string[]): number {
  const [first = ''] = names;
  let length = 0;
  while (names.every((n) => n.length > length + 1 && n[length] === first[length])) length++;
  return length;
}
