import type {ClusterObjects, SimNode, SimPod} from './cluster-objects.js';
import type {Taint} from './kubeadm-config.js';
import {isRecord, stringMap} from './object-meta.js';

/**
 * Binds every unscheduled pod to a node that can run it: Ready, not cordoned, every NoSchedule/NoExecute
 * taint tolerated, `spec.nodeSelector` matched. Among those, the node with the fewest pods (by name on a
 * tie), avoiding the node a replaced pod came from when there is another. Pods that fit nowhere stay Pending.
 */
export function schedulePending(objects: ClusterObjects, isReady: (node: SimNode) => boolean): void {
  const pending = [...objects.pods.values()].filter((pod) => pod.spec.nodeName === undefined);
  for (const pod of pending) {
    const candidates = [...objects.nodes.values()].filter((node) => isReady(node) && fits(pod, node));
    const preferred = candidates.filter((node) => node.metadata.name !== pod.avoidNode);
    const load = (node: SimNode) => objects.podsOn(node.metadata.name).length;
    const [chosen] = (preferred.length > 0 ? preferred : candidates)
      .sort((a, b) => load(a) - load(b) || a.metadata.name.localeCompare(b.metadata.name));
    if (chosen) objects.bind(pod, chosen);
  }
}

function fits(pod: SimPod, node: SimNode): boolean {
  if (node.unschedulable) return false;
  const tolerations = Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations.filter(isRecord) : [];
  const repelled = node.taints.some((taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)));
  if (repelled) return false;
  const selector = stringMap(pod.spec.nodeSelector) ?? {};
  return Object.entries(selector).every(([key, value]) => node.metadata.labels[key] === value);
}

/** Kubernetes' toleration rules: an empty key with `Exists` tolerates everything; an empty effect, every effect. */
function tolerates(toleration: Record<string, unknown>, taint: Taint): boolean {
  const {key, operator = 'Equal', value = '', effect} = toleration;
  if (effect !== undefined && effect !== '' && effect !== taint.effect) return false;
  if (key === undefined || key === '') return operator === 'Exists';
  if (key !== taint.key) return false;
  return operator === 'Exists' || value === (taint.value ?? '');
}
