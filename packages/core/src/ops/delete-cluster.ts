/**
 * `kopsx delete cluster`: every cloud resource the cluster owns, then its state. Only resources tagged as
 * owned by this cluster are ever listed and deleted (shared ones and other clusters' never reach the plan),
 * and the state goes only once all of them are gone: without the spec, kopsx could no longer find the
 * cluster's cloud to finish the job. Locking is the caller's, as for updates (withClusterLock).
 */
import {KopsxError} from '../errors.js';
import {applyPlan, formatElapsed, planDeletion} from '../engine/index.js';
import type {ApplyOptions, ApplyResult, Plan} from '../engine/index.js';
import {cloudOf, completeCluster} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudConnection, CloudProvider, DesiredResource} from '../provider/index.js';
import {ClusterRegistry} from '../state/index.js';
import type {StateStore} from '../state/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {connectAndDiscover} from './connect-and-discover.js';
import {SHAPE_ONLY_INPUTS} from './model-inputs.js';
import type {DiscoveryOptions} from './connect-and-discover.js';

/** kOps gives up deleting after 10 minutes without the cloud letting go; so do we, keeping the state. */
export const DEFAULT_DELETE_TIMEOUT_MS = 10 * 60_000;

export interface PlanClusterDeletionOptions extends ClusterTarget, DiscoveryOptions {}

/** A planned deletion, holding an open connection to the cloud: close it (`connection.close()`) when done. */
export interface ClusterDeletion {
  readonly clusterName: string;
  readonly store: StateStore;
  readonly provider: CloudProvider;
  /** Set for a beta provider: one line for the CLI to show. */
  readonly notice?: string;
  readonly connection: CloudConnection;
  /** Only deletes; previews list each with its kind, name and cloud ID. */
  readonly plan: Plan;
}

export interface DeleteClusterOptions extends Pick<ApplyOptions, 'concurrency' | 'retry' | 'signal' | 'onEvent'> {
  /**
   * How long the cloud deletion may take in all, retries of "still in use" errors included.
   * @default DEFAULT_DELETE_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
}

/** The cloud would not let go of the cluster's resources in time. */
export class DeletionTimeoutError extends KopsxError {
  constructor(clusterName: string, timeoutMs: number) {
    super(
      `deleting cluster "${clusterName}" did not finish within ${formatElapsed(timeoutMs)}`,
      'DeletionTimedOut',
      'something outside kopsx may still use its resources; remove that, then rerun "kopsx delete cluster --yes"',
    );
  }
}

/** Reads what the cluster owns in the cloud and plans deleting all of it. Changes nothing. */
export async function planClusterDeletion(options: PlanClusterDeletionOptions): Promise<ClusterDeletion> {
  const stored = await new ClusterRegistry(options.store).require(options.clusterName);
  const {provider, notice} = options.providers.require(cloudOf(stored.cluster), {
    featureFlags: options.env.KOPS_FEATURE_FLAGS,
  });
  const desired = orderingHints(provider, stored, options.onLog);
  const {connection, inventory} = await connectAndDiscover({...options, provider, cluster: stored});
  return {
    clusterName: options.clusterName,
    store: options.store,
    provider,
    ...(notice === undefined ? {} : {notice}),
    connection,
    plan: planDeletion({inventory, desired}),
  };
}

/**
 * Deletes the planned resources in reverse dependency order, retrying while the cloud says they are still
 * in use, for at most `timeoutMs` in all; then, only if every deletion succeeded, removes the cluster from
 * the state store. Otherwise throws (ApplyError, carrying the result) and the state stays for a rerun.
 */
export async function deleteCluster(deletion: ClusterDeletion, options: DeleteClusterOptions = {}): Promise<ApplyResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DELETE_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeletionTimeoutError(deletion.clusterName, timeoutMs)), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  let result: ApplyResult;
  try {
    result = await applyPlan(deletion.plan, {
      ...options,
      signal,
      connection: deletion.connection,
      clusterName: deletion.clusterName,
    });
  } finally {
    clearTimeout(timer);
  }
  await new ClusterRegistry(deletion.store).delete(deletion.clusterName);
  return result;
}

/**
 * The model tells apply which kinds refer to which, so that a delete waits for its users' deletes. It is
 * only a hint (retries cover the rest), and a spec that no longer completes or builds must not make the
 * cluster undeletable, so any failure here means deleting without it.
 */
function orderingHints(
  provider: CloudProvider,
  stored: ClusterBundle,
  onLog: ((message: string) => void) | undefined,
): readonly DesiredResource[] {
  try {
    return provider.buildModel(completeCluster(stored), SHAPE_ONLY_INPUTS).resources;
  } catch (error) {
    onLog?.(`deleting without the model's ordering hints: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
