import {parseManifests} from '@kopsx/core';
import type {Command} from '@oclif/core';
import {applyClusterChange} from './manifest/apply-cluster-change.js';
import type {ApplyOptions} from './manifest/apply-cluster-change.js';
import {BaseCommand} from './base-command.js';
import {splitManifest} from './manifest/cluster-changes.js';
import {readInputFile} from './input/read-input-file.js';

/** `create -f` and `replace -f`: read a manifest, then store each cluster's part under that cluster's lock. */
export abstract class ManifestCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async applyManifestFile(file: string, options: ApplyOptions & {readonly forceUnlock: boolean}): Promise<void> {
    const {text, source} = await readInputFile(file);
    const changes = splitManifest(parseManifests(text, source), {defaultCluster: this.flags.name});
    const registry = await this.registry();
    for (const change of changes) {
      const {lines, warnings} = await this.withLock(change.clusterName, options, () => applyClusterChange(registry, change, options));
      this.warnAll(warnings);
      for (const line of lines) this.log(line);
    }
  }
}
