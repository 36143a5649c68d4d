/**
 * What `validate cluster` concludes from what it read: pure functions from the spec, the cloud's instance
 * groups and the API's nodes and pods to kOps-style failures (type, name, message).
 */
import type {ClusterBundle, InstanceGroup, InstanceGroupRole} from '../model/index.js';
import type {ApiLoadBalancerStatus, CloudInstance, CloudInstanceGroup} from '../provider/index.js';
import type {KubeNode, KubePod} from './kubeconfig-client.js';

export type ValidationFailureType = 'InstanceGroup' | 'LoadBalancer' | 'Machine' | 'Node' | 'Pod' | 'KubernetesApi';

export interface ValidationFailure {
  readonly type: ValidationFailureType;
  /** The instance group, machine, node or pod (`namespace/name`) concerned. */
  readonly name: string;
  readonly message: string;
}

export interface NodeSummary {
  readonly name: string;
  readonly role: 'ControlPlane' | 'Node';
  readonly ready: boolean;
  readonly instanceGroup?: string;
  readonly instanceId?: string;
}

export interface InstanceGroupSummary {
  readonly name: string;
  readonly role: InstanceGroupRole;
  readonly machineType?: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly subnets: readonly string[];
  /** How many instances the cloud keeps (the spec's minSize when the group is not in the cloud). */
  readonly desired: number;
  readonly running: number;
}

/** The cluster's nodes as the API lists them, each tied to its cloud instance where one matches. */
export interface NodeMatch {
  readonly node: KubeNode;
  readonly group?: string;
  readonly instance?: CloudInstance;
}

/** The kube-system namespace, whose pods must all run for the cluster to count as valid. */
export const SYSTEM_NAMESPACE = 'kube-system';

export function summarizeInstanceGroups(bundle: ClusterBundle, cloud: readonly CloudInstanceGroup[]): InstanceGroupSummary[] {
  return bundle.instanceGroups.map((ig) => {
    const group = cloud.find((g) => g.name === ig.metadata.name);
    return {
      name: ig.metadata.name,
      role: ig.spec.role,
      ...(ig.spec.machineType === undefined ? {} : {machineType: ig.spec.machineType}),
      minSize: ig.spec.minSize,
      maxSize: ig.spec.maxSize,
      subnets: ig.spec.subnets,
      desired: group?.desiredSize ?? ig.spec.minSize,
      running: group ? inService(group).filter((i) => i.status === 'running').length : 0,
    };
  });
}

/** Every group exists with its desired count of running instances; the API load balancer has a healthy target. */
export function cloudFailures(
  bundle: ClusterBundle,
  cloud: readonly CloudInstanceGroup[],
  apiLoadBalancer: ApiLoadBalancerStatus | undefined,
): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  for (const ig of bundle.instanceGroups) {
    const name = ig.metadata.name;
    const group = cloud.find((g) => g.name === name);
    if (!group) {
      failures.push({type: 'InstanceGroup', name, message: `instance group "${name}" does not exist in the cloud`});
      continue;
    }
    const running = inService(group).filter((i) => i.status === 'running').length;
    if (running < group.desiredSize) {
      failures.push({type: 'InstanceGroup', name, message: `instance group "${name}" has ${running} of ${group.desiredSize} instances running`});
    }
  }
  if (bundle.cluster.spec.api?.loadBalancer) {
    if (!apiLoadBalancer) {
      failures.push({type: 'LoadBalancer', name: 'api', message: 'the API load balancer does not exist'});
    } else if (apiLoadBalancer.healthyTargets === 0) {
      failures.push({
        type: 'LoadBalancer',
        name: apiLoadBalancer.address,
        message: `the API load balancer has no healthy target (0 of ${apiLoadBalancer.totalTargets})`,
      });
    }
  }
  return failures;
}

/**
 * Ties each node to the cloud instance it runs on: by the node name the provider reports, else by the last
 * segment of the node's provider ID (an instance ID on every cloud). Unmatched nodes keep their group label.
 */
export function matchNodes(bundle: ClusterBundle, cloud: readonly CloudInstanceGroup[], nodes: readonly KubeNode[]): NodeMatch[] {
  const instances = cloud.flatMap((group) => group.instances.map((instance) => ({group: group.name, instance})));
  return nodes.map((node) => {
    const found = instances.find(({instance}) => isNodeOf(node, instance));
    if (found) return {node, group: found.group, instance: found.instance};
    const labelled = bundle.instanceGroups.some((ig) => ig.metadata.name === node.instanceGroup);
    return {node, ...(labelled ? {group: node.instanceGroup} : {})};
  });
}

/** Does the node run on this instance? By the node name the provider reports, else by the provider ID. */
export function isNodeOf(node: KubeNode, instance: {readonly id: string; readonly nodeName?: string}): boolean {
  return instance.nodeName === node.name || (node.providerId !== undefined && node.providerId.split('/').pop() === instance.id);
}

export function summarizeNodes(matches: readonly NodeMatch[]): NodeSummary[] {
  return matches.map(({node, group, instance}) => ({
    name: node.name,
    role: node.controlPlane ? 'ControlPlane' : 'Node',
    ready: node.ready,
    ...(group === undefined ? {} : {instanceGroup: group}),
    ...(instance === undefined ? {} : {instanceId: instance.id}),
  }));
}

/**
 * Every running machine of a control-plane or node group has joined, every node is Ready, each group has
 * as many Ready nodes as instances it should keep, and every kube-system pod runs and is ready.
 */
export function kubernetesFailures(
  bundle: ClusterBundle,
  cloud: readonly CloudInstanceGroup[],
  matches: readonly NodeMatch[],
  systemPods: readonly KubePod[],
): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  const joined = new Set(matches.flatMap((m) => (m.instance ? [m.instance.id] : [])));
  for (const ig of bundle.instanceGroups.filter(runsNodes)) {
    const group = cloud.find((g) => g.name === ig.metadata.name);
    for (const instance of group ? inService(group) : []) {
      if (instance.status === 'running' && !joined.has(instance.id)) {
        failures.push({type: 'Machine', name: instance.id, message: `machine "${instance.id}" of instance group "${ig.metadata.name}" has not joined the cluster`});
      }
    }
  }
  for (const {node} of matches) {
    if (!node.ready) {
      failures.push({type: 'Node', name: node.name, message: `${node.controlPlane ? 'control-plane' : 'worker'} node "${node.name}" is not ready`});
    }
  }
  for (const ig of bundle.instanceGroups.filter(runsNodes)) {
    const name = ig.metadata.name;
    const expected = cloud.find((g) => g.name === name)?.desiredSize ?? ig.spec.minSize;
    const ready = matches.filter((m) => m.group === name && m.node.ready && !m.instance?.detached).length;
    if (ready < expected) {
      failures.push({type: 'InstanceGroup', name, message: `instance group "${name}" has ${ready} of ${expected} nodes ready`});
    }
  }
  for (const pod of systemPods) {
    const name = `${pod.namespace}/${pod.name}`;
    if (pod.phase === 'Succeeded') continue;
    if (pod.phase !== 'Running') failures.push({type: 'Pod', name, message: `${SYSTEM_NAMESPACE} pod "${pod.name}" is ${pod.phase.toLowerCase()}`});
    else if (!pod.ready) failures.push({type: 'Pod', name, message: `${SYSTEM_NAMESPACE} pod "${pod.name}" is not ready`});
  }
  return failures;
}

/** Instances the group counts: detached ones are on their way out. */
function inService(group: CloudInstanceGroup): CloudInstance[] {
  return group.instances.filter((i) => !i.detached && (i.status === 'pending' || i.status === 'running'));
}

/** Bastions run no kubelet. */
function runsNodes(ig: InstanceGroup): boolean {
  return ig.spec.role !== 'Bastion';
}
