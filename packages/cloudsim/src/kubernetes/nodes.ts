import {list, ok, type ApiCall, type ApiHandler} from './api-call.js';
import {ApiError} from './api-error.js';
import type {SimNode} from './cluster-objects.js';
import type {Taint} from './kubeadm-config.js';
import {isRecord, stringMap, timestamp} from './object-meta.js';
import {applyPatch} from './patches.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import type {SimCluster} from './sim-cluster.js';

/** Taints the node controller adds and removes itself; shown, never stored from a client's patch. */
const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
const NODE_FIELDS = ['metadata.name', 'spec.unschedulable'];

export function nodeJson(cluster: SimCluster, node: SimNode): Record<string, unknown> {
  const ready = cluster.isReady(node);
  const now = timestamp(cluster.now());
  const taints: Taint[] = [
    ...node.taints,
    ...(node.unschedulable ? [{key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule'}] : []),
    ...(ready ? [] : [{key: NOT_READY_TAINT, effect: 'NoSchedule'}]),
  ];
  const {metadata, host} = node;
  const condition = (type: string, status: string, reason: string, message: string) =>
    ({type, status, lastHeartbeatTime: now, lastTransitionTime: metadata.creationTimestamp, reason, message});
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: structuredClone(metadata),
    spec: {
      providerID: host.providerId,
      ...(node.unschedulable ? {unschedulable: true} : {}),
      ...(taints.length > 0 ? {taints} : {}),
    },
    status: {
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready
          ? {...condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'), lastTransitionTime: timestamp(node.readyAt)}
          : condition('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady'),
      ],
      addresses: [
        {type: 'InternalIP', address: host.privateIp},
        {type: 'InternalDNS', address: metadata.name},
        {type: 'Hostname', address: metadata.name},
      ],
      nodeInfo: {
        kubeletVersion: host.kubeletVersion,
        containerRuntimeVersion: 'containerd://1.7.28',
        operatingSystem: 'linux',
        architecture: host.architecture,
        osImage: 'Ubuntu 24.04.3 LTS',
        kernelVersion: '6.14.0-1015-aws',
      },
    },
  };
}

export const listNodes: ApiHandler = (call) => {
  const labels = parseLabelSelector(call.query.get('labelSelector'));
  const fields = parseFieldSelector<SimNode>(call.query.get('fieldSelector'), nodeField, NODE_FIELDS);
  const nodes = [...call.cluster.objects.nodes.values()]
    .filter((node) => labels(node.metadata.labels) && fields(node))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  return list(call, 'Node', 'v1', nodes.map((node) => nodeJson(call.cluster, node)));
};

export const getNode: ApiHandler = (call) => ok(nodeJson(call.cluster, findNode(call)));

/**
 * Cordoning (`spec.unschedulable`), taints, labels and annotations change; other fields of a patch are
 * ignored, as the kubelet would overwrite them.
 */
export const patchNode: ApiHandler = (call) => {
  const node = findNode(call);
  const patched = applyPatch(nodeJson(call.cluster, node), call.body, call.contentType);
  const metadata = isRecord(patched.metadata) ? patched.metadata : {};
  const spec = isRecord(patched.spec) ? patched.spec : {};
  const labels = stringMap(metadata.labels ?? {});
  const annotations = stringMap(metadata.annotations ?? {});
  if (!labels || !annotations) throw ApiError.invalid('Node', node.metadata.name, 'metadata.labels and metadata.annotations must map strings to strings');
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== 'boolean') {
    throw ApiError.invalid('Node', node.metadata.name, 'spec.unschedulable must be true or false');
  }
  node.metadata.labels = labels;
  node.metadata.annotations = annotations;
  node.unschedulable = spec.unschedulable === true;
  node.taints = readTaints(spec.taints, node.metadata.name).filter((taint) => taint.key !== NOT_READY_TAINT && taint.key !== UNSCHEDULABLE_TAINT);
  call.cluster.objects.touch(node.metadata);
  return ok(nodeJson(call.cluster, node));
};

function findNode(call: ApiCall): SimNode {
  const name = call.params.name ?? '';
  const node = call.cluster.objects.nodes.get(name);
  if (!node) throw ApiError.notFound('nodes', name);
  return node;
}

function nodeField(node: SimNode, field: string): string | undefined {
  return field === 'metadata.name' ? node.metadata.name : String(node.unschedulable);
}

function readTaints(value: unknown, nodeName: string): Taint[] {
  if (value === undefined) return [];
  const taints = Array.isArray(value) ? value : [];
  const valid = taints.every((taint) => isRecord(taint) && typeof taint.key === 'string' && taint.key !== '' &&
    ['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(taint.effect)));
  if (!Array.isArray(value) || !valid) {
    throw ApiError.invalid('Node', nodeName, 'spec.taints: each taint needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute');
  }
  return taints.filter(isRecord).map((taint) => ({
    key: String(taint.key),
    ...(typeof taint.value === 'string' && taint.value !== '' ? {value: taint.value} : {}),
    effect: String(taint.effect),
  }));
}
