import {AlreadyExistsError, assertValid, ClusterRegistry, Keystore, NotFoundError} from '@kopsx/core';
import type {ClusterBundle, FieldProblem, InstanceGroup, StateStore, ValidationOptions} from '@kopsx/core';
import type {ClusterChange} from './cluster-changes.js';
import {newWarnings} from '../spec/new-warnings.js';

export interface ApplyOptions {
  /** `create` refuses what exists; `replace` refuses what is missing unless `createMissing`. */
  readonly mode: 'create' | 'replace';
  /** `replace --force`: create the cluster or instance groups that are not stored yet. */
  readonly createMissing: boolean;
  /** The cloud's own checks (its provider's zone validator). */
  readonly validation?: ValidationOptions;
}

export interface ApplyResult {
  /** One line per object written, kubectl style: `cluster "x" created`. */
  readonly lines: string[];
  /** Warnings the change brings in (not those the stored cluster already had). */
  readonly warnings: FieldProblem[];
}

/**
 * Stores one cluster's part of a manifest. The result is validated as a whole (the file's documents merged
 * over what is stored) before anything is written, so an invalid file leaves the store as it was. A cluster
 * stored for the first time gets its keys and secrets too, as with `create cluster`.
 * The caller holds the cluster's lock.
 */
export async function applyClusterChange(store: StateStore, change: ClusterChange, options: ApplyOptions): Promise<ApplyResult> {
  const registry = new ClusterRegistry(store);
  const stored = await registry.get(change.clusterName);
  const cluster = change.cluster ?? stored?.cluster;
  if (!cluster) throw clusterNotFound(change.clusterName, options);
  if (change.cluster && stored && options.mode === 'create') {
    throw new AlreadyExistsError(
      `cluster "${change.clusterName}" already exists`,
      'change it with "kopsx replace -f FILE" or "kopsx edit cluster"',
    );
  }
  if (change.cluster && !stored && options.mode === 'replace' && !options.createMissing) {
    throw clusterNotFound(change.clusterName, options);
  }

  const storedGroups = stored?.instanceGroups ?? [];
  const storedNames = new Set(storedGroups.map((ig) => ig.metadata.name));
  for (const ig of change.instanceGroups) {
    checkInstanceGroupPresence(ig, change.clusterName, storedNames.has(ig.metadata.name), options);
  }

  const incoming = new Map(change.instanceGroups.map((ig) => [ig.metadata.name, ig]));
  const added = change.instanceGroups.filter((ig) => !storedNames.has(ig.metadata.name));
  const merged: ClusterBundle = {cluster, instanceGroups: [...storedGroups.map((ig) => incoming.get(ig.metadata.name) ?? ig), ...added]};
  const warnings = newWarnings(stored, assertValid(merged, options.validation).warnings);

  const verb = (existed: boolean): string => (existed ? 'replaced' : 'created');
  const lines: string[] = [];
  if (change.cluster) {
    const bundle: ClusterBundle = {cluster: change.cluster, instanceGroups: [...change.instanceGroups]};
    if (stored) await registry.replace(bundle);
    else await registry.create(bundle);
    // Only a new cluster: a replace must never touch the CAs its running machines trust.
    if (!stored) await new Keystore(store, change.clusterName).ensureClusterSecrets();
    lines.push(`cluster "${change.clusterName}" ${verb(Boolean(stored))}`);
  } else {
    for (const ig of change.instanceGroups) await registry.putInstanceGroup(change.clusterName, ig);
  }
  for (const ig of change.instanceGroups) lines.push(`instancegroup "${ig.metadata.name}" ${verb(storedNames.has(ig.metadata.name))}`);
  return {lines, warnings};
}

function checkInstanceGroupPresence(ig: InstanceGroup, clusterName: string, exists: boolean, options: ApplyOptions): void {
  const name = ig.metadata.name;
  if (exists && options.mode === 'create') {
    throw new AlreadyExistsError(
      `instance group "${name}" already exists in cluster "${clusterName}"`,
      'change it with "kopsx replace -f FILE" or "kopsx edit ig"',
    );
  }
  if (!exists && options.mode === 'replace' && !options.createMissing) {
    throw new NotFoundError(
      `instance group "${name}" not found in cluster "${clusterName}"`,
      'use "kopsx create -f FILE" to add it, or "kopsx replace --force -f FILE" to create what is missing',
    );
  }
}

function clusterNotFound(name: string, options: ApplyOptions): NotFoundError {
  const hint =
    options.mode === 'replace'
      ? 'use "kopsx create -f FILE" to add it, or "kopsx replace --force -f FILE" to create what is missing'
      : `put its Cluster document in the file, or create it first with "kopsx create cluster ${name}"`;
  return new NotFoundError(`cluster "${name}" not found in the state store`, hint);
}
