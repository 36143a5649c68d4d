/**
 * Draining a node as `kubectl drain` does: cordon it, then evict every pod that something would otherwise
 * restart elsewhere, through the eviction API so that PodDisruptionBudgets are honoured, retrying refused
 * evictions until a deadline.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {KopsxError} from '../errors.js';
import {formatElapsed} from '../engine/index.js';
import type {KubePod, KubernetesClient} from './kubeconfig-client.js';

export interface DrainOptions {
  /** How long evictions may keep being refused (and evicted pods take to go). */
  readonly timeoutMs: number;
  /** Pause between retries of refused evictions and checks that evicted pods are gone. */
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
  /** Once per pod, the first time its eviction is refused (e.g. by a PodDisruptionBudget). */
  readonly onBlocked?: (pod: string, reason: string) => void;
}

/** Draining did not finish: the node stays cordoned and some pods still run on it. */
export class DrainError extends KopsxError {
  constructor(
    readonly node: string,
    detail: string,
  ) {
    super(
      `draining node "${node}" failed: ${detail}`,
      'DrainFailed',
      'a PodDisruptionBudget may allow no disruption right now: scale its workload up or relax the budget, ' +
        'raise --drain-timeout, or rerun with --fail-on-drain-error=false to replace the node regardless',
    );
  }
}

/** Pods drain must move: not a DaemonSet's (it would put them back), not a static pod's mirror, not finished. */
export function podsToEvict(pods: readonly KubePod[]): KubePod[] {
  return pods.filter((pod) => !pod.daemonSet && !pod.mirror && pod.phase !== 'Succeeded' && pod.phase !== 'Failed');
}

/** Cordons the node and evicts its pods. Throws DrainError when that cannot finish within the timeout. */
export async function drainNode(client: KubernetesClient, nodeName: string, options: DrainOptions): Promise<void> {
  const {signal} = options;
  const deadline = Date.now() + options.timeoutMs;
  await client.setUnschedulable(nodeName, true, signal);
  const reported = new Set<string>();
  for (;;) {
    const remaining = podsToEvict(await client.listPods({nodeName}, signal));
    if (remaining.length === 0) return;
    const blocked: string[] = [];
    for (const pod of remaining) {
      const name = `${pod.namespace}/${pod.name}`;
      const result = await client.evict(pod, signal);
      if (result.outcome !== 'blocked') continue;
      blocked.push(name);
      if (!reported.has(name)) {
        reported.add(name);
        options.onBlocked?.(name, result.reason);
      }
    }
    if (Date.now() + options.pollIntervalMs > deadline) {
      const stuck = blocked.length > 0 ? blocked : remaining.map((pod) => `${pod.namespace}/${pod.name}`);
      throw new DrainError(nodeName, `${stuck.join(', ')} could not be evicted within ${formatElapsed(options.timeoutMs)}`);
    }
    await sleep(options.pollIntervalMs, undefined, {signal});
  }
}
