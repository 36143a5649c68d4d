import {Args} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {formatDocuments} from '../../output/format-documents.js';
import {clustersTable} from '../../output/resource-tables.js';
import {sharedFlags} from '../../shared-flags.js';

export default class GetClusters extends BaseCommand<typeof GetClusters> {
  static override hiddenAliases = ['get:cluster'];
  static override summary = 'List clusters in the state store, or show one.';
  static override examples = [
    {description: 'List every cluster.', command: '<%= config.bin %> get clusters'},
    {description: 'One cluster as a manifest `replace -f` accepts.', command: '<%= config.bin %> get cluster demo.k8s.local -o yaml'},
  ];

  static override args = {
    cluster: Args.string({description: 'Show only this cluster.'}),
  };

  static override flags = {output: sharedFlags.output};

  async run(): Promise<void> {
    const registry = await this.registry();
    const names = this.args.cluster ? [this.args.cluster] : await registry.listClusters();
    const clusters = await Promise.all(names.map(async (name) => (await registry.require(name)).cluster));
    if (this.flags.output !== 'table') {
      this.log(formatDocuments(clusters, this.flags.output));
    } else if (clusters.length === 0) {
      this.logToStderr(`No clusters found in ${(await this.store()).url}`);
    } else {
      this.log(clustersTable(clusters));
    }
  }
}
