import {list, ok, type ApiCall, type ApiHandler} from './api-call.js';
import {ApiError} from './api-error.js';
import type {PodSpec, SimPod} from './cluster-objects.js';
import {isRecord, objectKey, randomSuffix, stringMap, timestamp, type OwnerReference} from './object-meta.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import type {SimCluster} from './sim-cluster.js';

const POD_FIELDS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];

/** Running and Ready: on a node that is Ready. Pods never fail in the simulator. */
export function isPodReady(cluster: SimCluster, pod: SimPod): boolean {
  const node = pod.spec.nodeName === undefined ? undefined : cluster.objects.nodes.get(pod.spec.nodeName);
  return node !== undefined && cluster.isReady(node);
}

export function podJson(cluster: SimCluster, pod: SimPod): Record<string, unknown> {
  return {kind: 'Pod', apiVersion: 'v1', metadata: structuredClone(pod.metadata), spec: structuredClone(pod.spec), status: podStatus(cluster, pod)};
}

function podStatus(cluster: SimCluster, pod: SimPod): Record<string, unknown> {
  const containers = Array.isArray(pod.spec.containers) ? pod.spec.containers.filter(isRecord) : [];
  const node = pod.spec.nodeName === undefined ? undefined : cluster.objects.nodes.get(pod.spec.nodeName);
  if (!node) {
    const message = 'no Ready, schedulable node matches the pod (taints, nodeSelector)';
    return {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message}], qosClass: 'BestEffort'};
  }
  const running = cluster.isReady(node);
  const started = timestamp(Math.max(pod.createdAt, node.readyAt));
  const status = running ? 'True' : 'False';
  return {
    phase: running ? 'Running' : 'Pending',
    conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
      type,
      status: type === 'PodScheduled' || type === 'Initialized' ? 'True' : status,
      lastTransitionTime: running ? started : pod.metadata.creationTimestamp,
    })),
    hostIP: node.host.privateIp,
    ...(running ? {podIP: pod.spec.hostNetwork === true ? node.host.privateIp : pod.podIP, startTime: started} : {}),
    containerStatuses: containers.map((container) => ({
      name: container.name,
      image: container.image,
      imageID: '',
      ready: running,
      started: running,
      restartCount: 0,
      state: running ? {running: {startedAt: started}} : {waiting: {reason: 'ContainerCreating'}},
    })),
    qosClass: 'BestEffort',
  };
}

export const listPods: ApiHandler = (call) => {
  const {cluster} = call;
  const namespace = call.params.namespace;
  const labels = parseLabelSelector(call.query.get('labelSelector'));
  const fields = parseFieldSelector<SimPod>(call.query.get('fieldSelector'), (pod, field) => podField(cluster, pod, field), POD_FIELDS);
  const pods = [...cluster.objects.pods.values()]
    .filter((pod) => (namespace === undefined || pod.metadata.namespace === namespace) && labels(pod.metadata.labels) && fields(pod))
    .sort((a, b) => podKey(a).localeCompare(podKey(b)));
  return list(call, 'Pod', 'v1', pods.map((pod) => podJson(cluster, pod)));
};

export const getPod: ApiHandler = (call) => ok(podJson(call.cluster, findPod(call)));

/** Creates a pod; one with `spec.nodeName` is bound there, others wait for the scheduler (the next sync). */
export const createPod: ApiHandler = (call) => {
  const {cluster, body} = call;
  const namespace = call.params.namespace ?? 'default';
  if (!isRecord(body) || !isRecord(body.metadata) || !isRecord(body.spec)) {
    throw new ApiError('BadRequest', 'the body must be a Pod with metadata and spec');
  }
  const {metadata, spec} = body;
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  const generateName = typeof metadata.generateName === 'string' ? metadata.generateName : undefined;
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : generateName && `${generateName}${randomSuffix()}`;
  if (!name) throw ApiError.invalid('Pod', '', 'metadata.name: Required value: name or generateName is required');
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.length === 0 || !containers.every((container) => isRecord(container) && typeof container.name === 'string')) {
    throw ApiError.invalid('Pod', name, 'spec.containers: Required value: each container needs a name');
  }
  if (cluster.objects.pods.has(objectKey(namespace, name))) throw ApiError.alreadyExists('pods', name);
  const labels = stringMap(metadata.labels ?? {});
  const annotations = stringMap(metadata.annotations ?? {});
  if (!labels || !annotations) throw ApiError.invalid('Pod', name, 'metadata.labels and metadata.annotations must map strings to strings');
  const podSpec: PodSpec = {restartPolicy: 'Always', schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst', ...structuredClone(spec)};
  if (typeof podSpec.nodeName !== 'string' || podSpec.nodeName === '') delete podSpec.nodeName;
  const pod = cluster.objects.addPod(cluster.objects.newMeta({
    name,
    namespace,
    ...(generateName ? {generateName} : {}),
    labels,
    annotations,
    ownerReferences: ownerReferences(metadata.ownerReferences),
  }), podSpec);
  return ok(podJson(cluster, pod), 201);
};

/** Deletes at once (no grace period is simulated) and answers the pod as it was. */
export const deletePod: ApiHandler = (call) => {
  const pod = findPod(call);
  const json = podJson(call.cluster, pod);
  call.cluster.objects.deletePod(pod);
  return ok(json);
};

export function findPod(call: ApiCall): SimPod {
  const name = call.params.name ?? '';
  const pod = call.cluster.objects.pods.get(objectKey(call.params.namespace ?? 'default', name));
  if (!pod) throw ApiError.notFound('pods', name);
  return pod;
}

function ownerReferences(value: unknown): OwnerReference[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((owner) => ({
    apiVersion: String(owner.apiVersion ?? ''),
    kind: String(owner.kind ?? ''),
    name: String(owner.name ?? ''),
    uid: String(owner.uid ?? ''),
    ...(typeof owner.controller === 'boolean' ? {controller: owner.controller} : {}),
    ...(typeof owner.blockOwnerDeletion === 'boolean' ? {blockOwnerDeletion: owner.blockOwnerDeletion} : {}),
  }));
}

function podField(cluster: SimCluster, pod: SimPod, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    default:
      return isPodReady(cluster, pod) ? 'Running' : 'Pending';
  }
}

function podKey(pod: SimPod): string {
  return objectKey(pod.metadata.namespace ?? '', pod.metadata.name);
}
