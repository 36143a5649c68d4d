import {Args} from '@oclif/core';
import {DeletionCommand} from '../../deletion-command.js';
import {sharedFlags} from '../../shared-flags.js';

export default class DeleteCluster extends DeletionCommand<typeof DeleteCluster> {
  static override summary = 'Delete a cluster: its cloud resources, then its state.';
  static override description =
    'Without --yes lists the cloud resources the cluster owns (kind, name, ID) and deletes nothing. With --yes deletes them in ' +
    'reverse dependency order, then removes the cluster from the state store. Only resources tagged as owned by this cluster ' +
    'are touched: shared ones (given by ID in the spec), other clusters\' and untagged ones never are. Needs the cloud\'s ' +
    'provider plugin; --unregister removes only the state and leaves the cloud as it is.';

  static override examples = [
    {description: 'See what would be deleted.', command: '<%= config.bin %> delete cluster demo.k8s.local'},
    {description: 'Delete it.', command: '<%= config.bin %> delete cluster --name demo.k8s.local --yes'},
    {
      description: 'Forget a cluster whose cloud resources are gone or managed elsewhere.',
      command: '<%= config.bin %> delete cluster demo.k8s.local --unregister --yes',
    },
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to delete. Same as --name.'}),
  };

  static override flags = {
    yes: sharedFlags.yes,
    unregister: sharedFlags.unregister,
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {flags} = this;
    await this.deleteCluster(this.clusterName(this.args.cluster), {
      yes: flags.yes,
      unregister: flags.unregister,
      forceUnlock: flags['force-unlock'],
    });
  }
}
