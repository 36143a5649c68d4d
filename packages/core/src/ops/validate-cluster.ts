/**
 * `kopsx validate cluster`: is the cluster what its spec says? Cloud checks (instance counts, the API load
 * balancer) and Kubernetes checks (nodes joined and Ready in the right numbers, kube-system pods running).
 * Problems are reported as failures, never thrown, so that `--wait` can retry until they clear.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {KopsxError} from '../errors.js';
import type {ApiLoadBalancerStatus} from '../provider/index.js';
import {
  SYSTEM_NAMESPACE,
  cloudFailures,
  kubernetesFailures,
  matchNodes,
  summarizeInstanceGroups,
  summarizeNodes,
} from './validate-checks.js';
import type {InstanceGroupSummary, NodeSummary, ValidationFailure} from './validate-checks.js';
import {openClusterSession} from './validate-session.js';
import type {ClusterSession, ClusterSessionOptions} from './validate-session.js';

/** kOps' pause between attempts of `validate cluster --wait`. */
export const DEFAULT_VALIDATE_INTERVAL_MS = 10_000;

export interface ClusterValidation {
  readonly valid: boolean;
  readonly failures: readonly ValidationFailure[];
  /** Empty when the API could not be read. */
  readonly nodes: readonly NodeSummary[];
  readonly instanceGroups: readonly InstanceGroupSummary[];
}

export type ValidateClusterOptions = ClusterSessionOptions;

/** Validates once. Throws only when the cluster or its provider cannot be used at all. */
export async function validateCluster(options: ValidateClusterOptions): Promise<ClusterValidation> {
  const session = await openClusterSession(options);
  try {
    return await checkCluster(session, options.signal);
  } finally {
    await session.close();
  }
}

/** One validation through an open session. */
export async function checkCluster(session: ClusterSession, signal?: AbortSignal): Promise<ClusterValidation> {
  const {bundle, connection} = session;
  const [cloud, apiLoadBalancer] = await Promise.all([
    session.instanceGroups.list(signal),
    bundle.cluster.spec.api?.loadBalancer ? connection.apiLoadBalancer?.(signal) : Promise.resolve<ApiLoadBalancerStatus | undefined>(undefined),
  ]);
  const failures = cloudFailures(bundle, cloud, apiLoadBalancer);
  const instanceGroups = summarizeInstanceGroups(bundle, cloud);
  let nodes: NodeSummary[] = [];
  try {
    const client = await session.kubernetes(signal);
    const [listed, systemPods] = await Promise.all([client.listNodes(signal), client.listPods({namespace: SYSTEM_NAMESPACE}, signal)]);
    const matches = matchNodes(bundle, cloud, listed);
    nodes = summarizeNodes(matches);
    failures.push(...kubernetesFailures(bundle, cloud, matches, systemPods));
  } catch (error) {
    // An API that is down (or not up yet) is one failure among the others, not the end of validation.
    if (!(error instanceof KopsxError) || signal?.aborted) throw error;
    failures.push({type: 'KubernetesApi', name: 'api', message: error.message});
  }
  return {valid: failures.length === 0, failures, nodes, instanceGroups};
}

export interface ValidateUntilOptions {
  /** How long to keep trying; 0 validates once. */
  readonly waitMs: number;
  /** Consecutive successful validations needed (when waiting). @default 1 */
  readonly count?: number;
  /** @default DEFAULT_VALIDATE_INTERVAL_MS */
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** After every attempt, e.g. to show why the cluster is not valid yet. */
  readonly onAttempt?: (result: ClusterValidation, attempt: number) => void;
}

export interface ValidationRun {
  /** `count` consecutive validations succeeded within the wait (or the single one, without waiting). */
  readonly passed: boolean;
  readonly attempts: number;
  /** The last validation. */
  readonly result: ClusterValidation;
}

/** `validate cluster --wait --count --interval`. */
export async function validateUntil(options: ValidateClusterOptions & ValidateUntilOptions): Promise<ValidationRun> {
  const session = await openClusterSession(options);
  try {
    return await checkClusterUntil(session, options);
  } finally {
    await session.close();
  }
}

/** Validates until `count` consecutive successes or until `waitMs` has passed. */
export async function checkClusterUntil(session: ClusterSession, options: ValidateUntilOptions): Promise<ValidationRun> {
  const count = options.waitMs > 0 ? Math.max(1, options.count ?? 1) : 1;
  const intervalMs = options.intervalMs ?? DEFAULT_VALIDATE_INTERVAL_MS;
  const deadline = Date.now() + options.waitMs;
  let streak = 0;
  for (let attempt = 1; ; attempt++) {
    const result = await checkCluster(session, options.signal);
    options.onAttempt?.(result, attempt);
    streak = result.valid ? streak + 1 : 0;
    if (streak >= count) return {passed: true, attempts: attempt, result};
    if (Date.now() + intervalMs > deadline) return {passed: false, attempts: attempt, result};
    await sleep(intervalMs, undefined, {signal: options.signal});
  }
}
