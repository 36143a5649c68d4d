import {carveSubnetCidrs} from './carve-subnet-cidrs.js';
import {cidrContains, parseCidr} from './cidr.js';
import {
  DEFAULT_ACCESS,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_NETWORKING,
  DEFAULT_NON_MASQUERADE_CIDR,
  completeTopology,
  defaultApi,
  podRangeFor,
  serviceRangeFor,
} from './defaults.js';
import {completeEtcdClusters} from './etcd-clusters.js';
import {CLUSTER_LABEL, type ClusterBundle, type ClusterSubnetSpec, type InstanceGroup} from './types.js';

/**
 * The completed spec: the bundle with every cloud-neutral default filled in, what kopsx stores as
 * `cluster-completed.spec` and hands to providers. Values the user set are never changed. Pure: the same input
 * gives a deep-equal output. Throws ValidationError only when subnet CIDRs cannot be carved (no room left).
 */
export function completeCluster(bundle: ClusterBundle): ClusterBundle {
  const cluster = structuredClone(bundle.cluster);
  const name = cluster.metadata.name;
  const spec = cluster.spec;
  const instanceGroups = bundle.instanceGroups.map((ig) => withClusterLabel(structuredClone(ig), name));

  spec.kubernetesVersion ??= DEFAULT_KUBERNETES_VERSION;
  // An existing network (networkID) has a range for the provider to discover, and subnets whose CIDRs lie outside
  // the default range (kOps writes no networkCIDR on some clouds) show the user has another one in mind.
  if (spec.networkCIDR === undefined && spec.networkID === undefined && fitsDefaultNetwork(spec.subnets)) {
    spec.networkCIDR = DEFAULT_NETWORK_CIDR;
  }
  spec.nonMasqueradeCIDR ??= DEFAULT_NON_MASQUERADE_CIDR;
  // Derivable only from an IPv4 range; IPv6 clusters set these themselves.
  const serviceRange = spec.serviceClusterIPRange ?? serviceRangeFor(spec.nonMasqueradeCIDR);
  if (serviceRange !== undefined) spec.serviceClusterIPRange = serviceRange;
  const podRange = spec.podCIDR ?? podRangeFor(spec.nonMasqueradeCIDR);
  if (podRange !== undefined) spec.podCIDR = podRange;
  spec.networking ??= {[DEFAULT_NETWORKING]: {}};
  spec.kubernetesApiAccess ??= [...DEFAULT_ACCESS];
  spec.sshAccess ??= [...DEFAULT_ACCESS];
  spec.subnets = carveSubnetCidrs(spec.subnets, spec.networkCIDR);
  spec.topology = completeTopology(spec.topology, name, spec.subnets);
  spec.api ??= defaultApi(spec.topology);
  const controlPlanes = instanceGroups.filter((ig) => ig.spec.role === 'ControlPlane').map((ig) => ig.metadata.name);
  spec.etcdClusters = completeEtcdClusters(spec.etcdClusters, controlPlanes);
  return {cluster, instanceGroups};
}

function fitsDefaultNetwork(subnets: readonly ClusterSubnetSpec[]): boolean {
  const network = parseCidr(DEFAULT_NETWORK_CIDR);
  return subnets.every((s) => {
    if (s.cidr === undefined) return true;
    const cidr = parseCidr(s.cidr);
    return network !== undefined && cidr !== undefined && cidrContains(network, cidr);
  });
}

function withClusterLabel(ig: InstanceGroup, cluster: string): InstanceGroup {
  if (ig.metadata.labels?.[CLUSTER_LABEL] !== undefined) return ig;
  return {...ig, metadata: {...ig.metadata, labels: {...ig.metadata.labels, [CLUSTER_LABEL]: cluster}}};
}
