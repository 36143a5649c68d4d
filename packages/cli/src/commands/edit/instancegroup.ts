import {toYaml} from '@kopsx/core';
import {Args} from '@oclif/core';
import {acceptEditedInstanceGroup} from '../../edit/accept-edited-document.js';
import {BaseCommand} from '../../base-command.js';
import {editInEditor} from '../../edit/edit-in-editor.js';
import {requireInstanceGroup} from '../../spec/require-instance-group.js';
import {sharedFlags} from '../../shared-flags.js';

export default class EditInstanceGroup extends BaseCommand<typeof EditInstanceGroup> {
  static override aliases = ['edit:ig'];
  static override summary = 'Edit an instance group in your editor.';
  static override description =
    'Opens the InstanceGroup document in $KUBE_EDITOR, $EDITOR or vi; the cluster comes from --name or KOPS_CLUSTER_NAME. ' +
    'When you save and quit, the result is validated and stored; an invalid result reopens the editor with the problems listed.';

  static override examples = [
    {description: 'Change the size of a node group.', command: '<%= config.bin %> edit ig nodes-us-east-1a --name demo.k8s.local'},
  ];

  static override args = {
    instancegroup: Args.string({description: 'Instance group to edit.', required: true}),
  };

  static override flags = {'force-unlock': sharedFlags.forceUnlock};

  async run(): Promise<void> {
    const clusterName = this.clusterName();
    const igName = this.args.instancegroup;
    const registry = await this.registry();
    await this.withLock(clusterName, {forceUnlock: this.flags['force-unlock']}, async () => {
      const stored = await registry.require(clusterName);
      const instanceGroup = requireInstanceGroup(stored, igName);
      const outcome = editInEditor({
        original: toYaml([instanceGroup]),
        fileName: `instancegroup-${igName}.yaml`,
        env: process.env,
        accept: (text) => acceptEditedInstanceGroup(text, stored, igName),
      });
      if (!outcome.changed) return this.log('Edit cancelled, no changes made.');
      const {document, warnings} = outcome.result;
      await registry.putInstanceGroup(clusterName, document);
      this.warnAll(warnings);
      this.log(`instancegroup "${igName}" edited`);
    });
  }
}
