import {Args} from '@oclif/core';
import {DeletionCommand} from '../../deletion-command.js';
import {sharedFlags} from '../../shared-flags.js';

export default class DeleteCluster extends DeletionCommand<typeof DeleteCluster> {
  static override summary = 'Delete a cluster from the state store.';
  static override description =
    'Without --yes only says what would be deleted. With --yes removes the cluster spec, its instance groups and everything ' +
    'else stored under the cluster (keys, secrets). Cloud resources are not touched yet: no cloud provider can be reached.';

  static override examples = [
    {description: 'See what would be deleted.', command: '<%= config.bin %> delete cluster demo.k8s.local'},
    {description: 'Delete it.', command: '<%= config.bin %> delete cluster --name demo.k8s.local --yes'},
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to delete. Same as --name.'}),
  };

  static override flags = {yes: sharedFlags.yes, 'force-unlock': sharedFlags.forceUnlock};

  async run(): Promise<void> {
    await this.deleteCluster(this.clusterName(this.args.cluster), {yes: this.flags.yes, forceUnlock: this.flags['force-unlock']});
  }
}
