import {Args} from '@oclif/core';
import {DeletionCommand} from '../../deletion-command.js';
import {sharedFlags} from '../../shared-flags.js';

export default class DeleteInstanceGroup extends DeletionCommand<typeof DeleteInstanceGroup> {
  static override aliases = ['delete:ig'];
  static override summary = 'Delete an instance group from a cluster spec.';
  static override description =
    'The cluster comes from --name or KOPS_CLUSTER_NAME. Refused when the cluster would be invalid without the group ' +
    '(e.g. a control-plane group that runs an etcd member). Without --yes only says what would be deleted.';

  static override examples = [
    {description: 'Remove a node group.', command: '<%= config.bin %> delete ig nodes-us-east-1c --name demo.k8s.local --yes'},
  ];

  static override args = {
    instancegroup: Args.string({description: 'Instance group to delete.', required: true}),
  };

  static override flags = {yes: sharedFlags.yes, 'force-unlock': sharedFlags.forceUnlock};

  async run(): Promise<void> {
    const options = {yes: this.flags.yes, forceUnlock: this.flags['force-unlock']};
    await this.deleteInstanceGroups(this.clusterName(), [this.args.instancegroup], options);
  }
}
