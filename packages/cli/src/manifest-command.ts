import {cloudOf, parseManifests} from '@kopsx/core';
import type {ValidationOptions} from '@kopsx/core';
import type {Command} from '@oclif/core';
import {applyClusterChange} from './manifest/apply-cluster-change.js';
import type {ApplyOptions} from './manifest/apply-cluster-change.js';
import {BaseCommand} from './base-command.js';
import {splitManifest} from './manifest/cluster-changes.js';
import {readInputFile} from './input/read-input-file.js';

/**
 * `create -f` and `replace -f`: read a manifest, then store each cluster's part under that cluster's lock.
 * Every Cluster in the file needs its cloud's provider, checked before anything is written.
 */
export abstract class ManifestCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async applyManifestFile(file: string, options: ApplyOptions & {readonly forceUnlock: boolean}): Promise<void> {
    const {text, source} = await readInputFile(file);
    const changes = splitManifest(parseManifests(text, source), {defaultCluster: this.flags.name});
    const validations = new Map<string, ValidationOptions>();
    for (const change of changes) {
      if (!change.cluster) continue;
      const provider = await this.requireProvider(cloudOf(change.cluster));
      validations.set(change.clusterName, {zoneValidator: (zones) => provider.validateZones(zones)});
    }
    const store = await this.store();
    for (const change of changes) {
      const changeOptions = {...options, validation: validations.get(change.clusterName)};
      const {lines, warnings} = await this.withLock(change.clusterName, options, () =>
        applyClusterChange(store, change, changeOptions),
      );
      this.warnAll(warnings);
      for (const line of lines) this.log(line);
    }
  }
}
