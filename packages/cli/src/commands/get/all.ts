import type {ClusterBundle} from '@kopsx/core';
import {BaseCommand} from '../../base-command.js';
import {formatDocuments} from '../../output/format-documents.js';
import {clustersTable, instanceGroupsTable} from '../../output/resource-tables.js';
import {sharedFlags} from '../../shared-flags.js';

export default class GetAll extends BaseCommand<typeof GetAll> {
  static override summary = 'Show a cluster and its instance groups (every cluster without --name).';
  static override description = 'With -o yaml the output is a complete manifest: `kopsx replace -f` and `kopsx create -f` read it back.';
  static override examples = [
    {description: 'Tables for one cluster.', command: '<%= config.bin %> get all --name demo.k8s.local'},
    {description: 'Back up every cluster spec.', command: '<%= config.bin %> get all -o yaml > clusters.yaml'},
  ];

  static override flags = {output: sharedFlags.output};

  async run(): Promise<void> {
    const registry = await this.registry();
    const names = this.flags.name ? [this.flags.name] : await registry.listClusters();
    const bundles = await Promise.all(names.map((name) => registry.require(name)));
    if (this.flags.output !== 'table') {
      this.log(formatDocuments(bundles.flatMap((b) => [b.cluster, ...b.instanceGroups]), this.flags.output));
    } else if (bundles.length === 0) {
      this.logToStderr(`No clusters found in ${(await this.store()).url}`);
    } else {
      this.log(bundles.map(tables).join('\n\n'));
    }
  }
}

function tables(bundle: ClusterBundle): string {
  return ['Cluster', clustersTable([bundle.cluster]), '', 'Instance groups', instanceGroupsTable(bundle)].join('\n');
}
