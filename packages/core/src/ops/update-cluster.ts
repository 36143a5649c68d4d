/**
 * `kopsx update cluster`: what the cloud must change to match the stored spec (the preview), and making
 * those changes. Locking is the caller's: the CLI holds the cluster's lock (withClusterLock) around the
 * plan AND the apply, so that nobody changes the spec between what was previewed and what is applied.
 */
import {applyPlan, planChanges} from '../engine/index.js';
import type {ApplyOptions, ApplyResult, Plan} from '../engine/index.js';
import {toYaml} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudConnection} from '../provider/index.js';
import type {StateStore} from '../state/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {connectAndDiscover} from './connect-and-discover.js';
import type {DiscoveryOptions} from './connect-and-discover.js';
import {loadClusterModel} from './load-cluster-model.js';
import type {ClusterModel} from './load-cluster-model.js';

export interface PlanClusterUpdateOptions extends ClusterTarget, DiscoveryOptions {}

/** A planned update, holding an open connection to the cloud: close it (`connection.close()`) when done. */
export interface ClusterUpdate extends ClusterModel {
  readonly store: StateStore;
  readonly connection: CloudConnection;
  readonly plan: Plan;
}

export type ApplyClusterUpdateOptions = Pick<ApplyOptions, 'concurrency' | 'retry' | 'signal' | 'onEvent'>;

/**
 * Loads, completes and validates the stored cluster, builds its model, reads what exists in the cloud
 * and plans the changes. Changes nothing, neither in the cloud nor in the store.
 */
export async function planClusterUpdate(options: PlanClusterUpdateOptions): Promise<ClusterUpdate> {
  const cluster = await loadClusterModel(options);
  const {connection, inventory} = await connectAndDiscover({...options, provider: cluster.provider, cluster: cluster.bundle});
  const plan = planChanges({desired: cluster.model.resources, inventory, handlers: connection.handlers});
  return {...cluster, store: options.store, connection, plan};
}

/**
 * Writes the completed spec to the store, then carries out the plan (see applyPlan: bounded concurrency,
 * retries, progress events). The spec goes first because the instances this apply launches read their
 * configuration from the store as they boot. Throws ApplyError when some change failed; a rerun plans
 * from what exists and continues.
 */
export async function applyClusterUpdate(
  update: ClusterUpdate,
  options: ApplyClusterUpdateOptions = {},
): Promise<ApplyResult> {
  await writeCompletedSpec(update.store, update.bundle);
  return applyPlan(update.plan, {
    ...options,
    connection: update.connection,
    clusterName: update.bundle.cluster.metadata.name,
  });
}

/** `<name>/cluster-completed.spec`, where kOps (and ClusterRegistry) keep the cluster with its defaults. */
async function writeCompletedSpec(store: StateStore, completed: ClusterBundle): Promise<void> {
  await store.write(`${completed.cluster.metadata.name}/cluster-completed.spec`, toYaml([completed.cluster]));
}
