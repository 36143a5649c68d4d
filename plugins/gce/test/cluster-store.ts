/**
 * Clusters as the CLI runs them: stored in an in-memory state store, completed and modelled by core with
 * user-data that core's bootstrap renders from the cluster's real keystore, planned, applied and deleted through
 * core's cluster operations against the simulator.
 */
import {randomUUID} from 'node:crypto';
import {
  applyClusterUpdate,
  buildCluster,
  ClusterRegistry,
  completeCluster,
  deleteCluster,
  openStateStore,
  planClusterDeletion,
  planClusterUpdate,
  ProviderRegistry,
} from '@kopsx/core';
import type {ClusterBundle, CreateClusterOptions, Plan, StateStore} from '@kopsx/core';
import {provider} from '../src/index.js';
import type {SimFixture} from './sim-fixture.js';

export const FAST_RETRY = {baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 20_000};

export interface ClusterStore {
  readonly store: StateStore;
  /** Stores the cluster `kopsx create cluster` would, completed; returns it. */
  create(options: Partial<CreateClusterOptions> & {name: string}): Promise<ClusterBundle>;
  /** Replaces the stored cluster (e.g. a changed instance group). */
  replace(bundle: ClusterBundle): Promise<void>;
  /** A preview, as `update cluster` shows it. */
  plan(name: string): Promise<Plan>;
  /** `update cluster --yes`: plans with the cluster's stored secrets (created on the first run) and applies. */
  update(name: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export function gceCluster(options: Partial<CreateClusterOptions> & {name: string}): ClusterBundle {
  return buildCluster({cloud: 'gce', zones: ['us-central1-a'], ...options});
}

export function completedGceCluster(options: Partial<CreateClusterOptions> & {name: string}): ClusterBundle {
  return completeCluster(gceCluster(options));
}

export async function openClusterStore(fx: SimFixture): Promise<ClusterStore> {
  const store = await openStateStore(`memfs://gce-plugin-${randomUUID()}`);
  const registry = new ClusterRegistry(store);
  const providers = new ProviderRegistry();
  providers.register(provider, {packageName: '@kopsx/plugin-gce', version: 'test'});
  const target = (clusterName: string, persistSecrets = false) => ({store, clusterName, providers, env: fx.env, persistSecrets});
  const discovery = {discovery: {retry: FAST_RETRY}};

  return {
    store,
    async create(options) {
      const bundle = completeCluster(gceCluster(options));
      await registry.create(bundle);
      return bundle;
    },
    replace: (bundle) => registry.replace(bundle),
    async plan(name) {
      const update = await planClusterUpdate({...target(name), ...discovery});
      await update.connection.close();
      return update.plan;
    },
    async update(name) {
      const update = await planClusterUpdate({...target(name, true), ...discovery});
      try {
        await applyClusterUpdate(update, {retry: FAST_RETRY});
      } finally {
        await update.connection.close();
      }
    },
    async delete(name) {
      const deletion = await planClusterDeletion({...target(name), ...discovery});
      try {
        await deleteCluster(deletion, {retry: FAST_RETRY});
      } finally {
        await deletion.connection.close();
      }
    },
  };
}
