import {list, ok, type ApiCall, type ApiHandler} from './api-call.js';
import {ApiError} from './api-error.js';
import type {SimPod} from './cluster-objects.js';
import type {OwnerReference} from './object-meta.js';
import {isPodReady} from './pods.js';

interface DaemonSetView {
  readonly namespace: string;
  readonly owner: OwnerReference;
  readonly pods: SimPod[];
}

/**
 * The DaemonSets that own the system pods (kube-proxy, the network plugin), read-only and derived from their
 * pods: drain tools look a DaemonSet pod's controller up before they leave the pod in place.
 */
function daemonSets(call: ApiCall): DaemonSetView[] {
  const found = new Map<string, DaemonSetView>();
  for (const pod of call.cluster.objects.pods.values()) {
    const owner = pod.metadata.ownerReferences?.find((reference) => reference.kind === 'DaemonSet');
    const namespace = pod.metadata.namespace ?? 'default';
    if (!owner || (call.params.namespace !== undefined && namespace !== call.params.namespace)) continue;
    const key = `${namespace}/${owner.name}`;
    const view = found.get(key) ?? {namespace, owner, pods: []};
    view.pods.push(pod);
    found.set(key, view);
  }
  return [...found.values()].sort((a, b) => `${a.namespace}/${a.owner.name}`.localeCompare(`${b.namespace}/${b.owner.name}`));
}

function daemonSetJson(call: ApiCall, {namespace, owner, pods}: DaemonSetView): Record<string, unknown> {
  const ready = pods.filter((pod) => isPodReady(call.cluster, pod)).length;
  const selector = {'k8s-app': owner.name};
  return {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    metadata: {name: owner.name, namespace, uid: owner.uid, generation: 1, labels: selector},
    spec: {selector: {matchLabels: selector}, template: {metadata: {labels: selector}, spec: {containers: [{name: owner.name}]}}},
    status: {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: pods.length,
      numberAvailable: ready,
      numberReady: ready,
      numberMisscheduled: 0,
      observedGeneration: 1,
      updatedNumberScheduled: pods.length,
    },
  };
}

export const listDaemonSets: ApiHandler = (call) => list(call, 'DaemonSet', 'apps/v1', daemonSets(call).map((view) => daemonSetJson(call, view)));

export const getDaemonSet: ApiHandler = (call) => {
  const name = call.params.name ?? '';
  const view = daemonSets(call).find((candidate) => candidate.owner.name === name);
  if (!view) throw ApiError.notFound('daemonsets', name, 'apps');
  return ok(daemonSetJson(call, view));
};
