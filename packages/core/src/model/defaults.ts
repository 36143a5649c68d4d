/**
 * Cloud-neutral defaults of the cluster spec, shared by `buildCluster` and `completeCluster`. Cloud specifics
 * (machine types, images, region defaults) come from providers, never from here.
 */
import {formatCidr, parseCidr, subCidr} from './cidr.js';
import {isNoDnsName} from './cluster-name.js';
import type {ApiAccessSpec, ClusterSubnetSpec, DnsType, TopologyKind, TopologySpec} from './types.js';

/** The Kubernetes version new clusters get: a patch release kOps' stable channel recommends. */
export const DEFAULT_KUBERNETES_VERSION = 'v1.35.7';

export const DEFAULT_NETWORK_CIDR = '172.20.0.0/16';
/** The range Kubernetes addresses live in (pods and services); traffic to it is not masqueraded. */
export const DEFAULT_NON_MASQUERADE_CIDR = '100.64.0.0/10';
export const DEFAULT_NETWORKING = 'cilium';
/** API and SSH access when none is given: anywhere, which validation reports as a warning. */
export const DEFAULT_ACCESS: readonly string[] = ['0.0.0.0/0', '::/0'];

/** Services get the lowest eighth of the non-masquerade range (100.64.0.0/10 → 100.64.0.0/13). */
export function serviceRangeFor(nonMasqueradeCIDR: string): string | undefined {
  return slice(nonMasqueradeCIDR, 3, 0);
}

/** Pods get the upper half of the non-masquerade range (100.64.0.0/10 → 100.96.0.0/11), clear of services. */
export function podRangeFor(nonMasqueradeCIDR: string): string | undefined {
  return slice(nonMasqueradeCIDR, 1, 1);
}

function slice(parentText: string, extraBits: number, index: number): string | undefined {
  const parent = parseCidr(parentText);
  if (!parent || parent.family !== 4 || parent.prefix + extraBits > 32) return undefined;
  return formatCidr(subCidr(parent, parent.prefix + extraBits, index));
}

/**
 * Fills what the topology leaves out: private when the cluster has Private subnets, and no DNS for `.k8s.local`
 * names (kOps 1.35+: no records are published, the API is reached through a load balancer), public DNS otherwise.
 */
export function completeTopology(
  topology: TopologySpec | undefined,
  clusterName: string,
  subnets: readonly ClusterSubnetSpec[],
): TopologySpec {
  const kind: TopologyKind = subnets.some((s) => s.type === 'Private') ? 'private' : 'public';
  const dnsType: DnsType = isNoDnsName(clusterName) ? 'None' : 'Public';
  return {
    ...topology,
    controlPlane: topology?.controlPlane ?? kind,
    nodes: topology?.nodes ?? kind,
    dns: topology?.dns ?? {type: dnsType},
  };
}

/** The API is reached through DNS records when there are some and the control plane is public, else a load balancer. */
export function defaultApi(topology: TopologySpec): ApiAccessSpec {
  const needsLoadBalancer = topology.dns?.type === 'None' || topology.controlPlane === 'private';
  return needsLoadBalancer ? {loadBalancer: {type: 'Public'}} : {dns: {}};
}
