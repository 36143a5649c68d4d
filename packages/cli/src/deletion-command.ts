import type {Command} from '@oclif/core';
import {BaseCommand} from './base-command.js';
import {checkInstanceGroupRemoval} from './spec/check-instance-group-removal.js';
import {stateOnlyDeletionNotice} from './cloud-provider-notice.js';

export interface DeletionOptions {
  /** Without `--yes` nothing is deleted: the command says what it would delete. */
  readonly yes: boolean;
  readonly forceUnlock: boolean;
}

/** The `delete` commands: preview without --yes, otherwise delete under the cluster's lock. */
export abstract class DeletionCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async deleteCluster(name: string, options: DeletionOptions): Promise<void> {
    const registry = await this.registry();
    const where = `from the state store ${(await this.store()).url}`;
    if (!options.yes) {
      await registry.require(name);
      return this.preview(`Cluster "${name}" would be deleted ${where}, with its instance groups.`);
    }
    await this.withLock(name, options, async () => {
      await registry.require(name);
      await registry.delete(name);
    });
    this.log(`Cluster "${name}" deleted ${where}.\n${stateOnlyDeletionNotice()}`);
  }

  protected async deleteInstanceGroups(clusterName: string, names: readonly string[], options: DeletionOptions): Promise<void> {
    const registry = await this.registry();
    const what = names.map((n) => `Instance group "${n}"`);
    if (!options.yes) {
      checkInstanceGroupRemoval(await registry.require(clusterName), names);
      return this.preview(what.map((w) => `${w} would be deleted from cluster "${clusterName}".`).join('\n'));
    }
    await this.withLock(clusterName, options, async () => {
      checkInstanceGroupRemoval(await registry.require(clusterName), names);
      for (const name of names) await registry.deleteInstanceGroup(clusterName, name);
    });
    this.log(`${what.map((w) => `${w} deleted from cluster "${clusterName}".`).join('\n')}\n${stateOnlyDeletionNotice()}`);
  }

  private preview(message: string): void {
    this.log(`${message}\n${stateOnlyDeletionNotice()}\nNothing was deleted: run the command again with --yes to delete.`);
  }
}
