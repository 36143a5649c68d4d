import {deleteCluster, KopsxError, MissingProviderError, planClusterDeletion} from '@kopsx/core';
import type {ClusterDeletion} from '@kopsx/core';
import type {Command} from '@oclif/core';
import {BaseCommand} from './base-command.js';
import {instanceGroupDeletionNotice, unregisterNotice} from './cloud-provider-notice.js';
import {interruptible} from './cloud/interruptible.js';
import {withProgress} from './cloud/with-progress.js';
import {deletionPreview} from './output/deletion-preview.js';
import {formatDuration} from './output/format-duration.js';
import {checkInstanceGroupRemoval} from './spec/check-instance-group-removal.js';

export interface DeletionOptions {
  /** Without `--yes` nothing is deleted: the command says what it would delete. */
  readonly yes: boolean;
  readonly forceUnlock: boolean;
}

export interface ClusterDeletionOptions extends DeletionOptions {
  /** kOps' `--unregister`: remove the cluster from the state store only, leaving its cloud resources. */
  readonly unregister: boolean;
}

const NOTHING_DELETED = 'Nothing was deleted: run the command again with --yes to delete.';

/** The `delete` commands: preview without --yes, otherwise delete under the cluster's lock. */
export abstract class DeletionCommand<T extends typeof Command> extends BaseCommand<T> {
  /**
   * Deletes what the cluster owns in its cloud, then its state: the state goes last, because without the spec
   * kopsx could no longer find the cluster's cloud to finish a deletion that failed half way.
   */
  protected async deleteCluster(name: string, options: ClusterDeletionOptions): Promise<void> {
    if (options.unregister) return this.unregisterCluster(name, options);
    await interruptible(
      async (signal) => {
        if (!options.yes) return this.previewClusterDeletion(name, signal);
        await this.withLock(name, options, () => this.deleteClusterAndResources(name, signal));
      },
      {what: 'delete cluster', onInterrupt: (message) => this.logToStderr(message)},
    );
  }

  protected async deleteInstanceGroups(clusterName: string, names: readonly string[], options: DeletionOptions): Promise<void> {
    const registry = await this.registry();
    const what = names.map((n) => `Instance group "${n}"`);
    if (!options.yes) {
      checkInstanceGroupRemoval(await registry.require(clusterName), names);
      this.log(what.map((w) => `${w} would be deleted from cluster "${clusterName}".`).join('\n'));
      return this.log(`${instanceGroupDeletionNotice(clusterName)}\n${NOTHING_DELETED}`);
    }
    await this.withLock(clusterName, options, async () => {
      checkInstanceGroupRemoval(await registry.require(clusterName), names);
      for (const name of names) await registry.deleteInstanceGroup(clusterName, name);
    });
    this.log(`${what.map((w) => `${w} deleted from cluster "${clusterName}".`).join('\n')}\n${instanceGroupDeletionNotice(clusterName)}`);
  }

  private async previewClusterDeletion(name: string, signal: AbortSignal): Promise<void> {
    const deletion = await this.planDeletion(name, signal);
    try {
      this.log(deletionPreview(deletion.plan, {clusterName: name, storeUrl: deletion.store.url}));
    } finally {
      await deletion.connection.close();
    }
    this.log(NOTHING_DELETED);
  }

  private async deleteClusterAndResources(name: string, signal: AbortSignal): Promise<void> {
    const deletion = await this.planDeletion(name, signal);
    try {
      const result = await withProgress((onEvent) => deleteCluster(deletion, {signal, onEvent}));
      const resources = result.done.length === 1 ? '1 cloud resource' : `${result.done.length} cloud resources`;
      const elapsed = formatDuration(result.elapsedMs);
      this.log(`Deleted cluster "${name}": its ${resources} (${elapsed}), then its state in ${deletion.store.url}.`);
    } finally {
      await deletion.connection.close();
    }
  }

  /** Reads what the cluster owns in the cloud. Without its provider, says how to forget the cluster anyway. */
  private async planDeletion(name: string, signal: AbortSignal): Promise<ClusterDeletion> {
    try {
      const deletion = await planClusterDeletion({...(await this.clusterTarget(name)), signal, onLog: (m) => this.logToStderr(m)});
      this.notice(deletion.notice);
      return deletion;
    } catch (error) {
      if (!(error instanceof MissingProviderError)) throw error;
      throw new KopsxError(
        error.message,
        error.code,
        `to remove only its state and leave its cloud resources as they are: kopsx delete cluster ${name} --unregister --yes`,
      );
    }
  }

  private async unregisterCluster(name: string, options: DeletionOptions): Promise<void> {
    const registry = await this.registry();
    const where = `from the state store ${(await this.store()).url}`;
    if (!options.yes) {
      await registry.require(name);
      return this.log(`Cluster "${name}" would be removed ${where}.\n${unregisterNotice()}\n${NOTHING_DELETED}`);
    }
    await this.withLock(name, options, async () => {
      await registry.require(name);
      await registry.delete(name);
    });
    this.log(`Cluster "${name}" removed ${where}.\n${unregisterNotice()}`);
  }
}
