import {toYaml} from '@kopsx/core';
import {Args} from '@oclif/core';
import {acceptEditedCluster} from '../../edit/accept-edited-document.js';
import {BaseCommand} from '../../base-command.js';
import {editInEditor} from '../../edit/edit-in-editor.js';
import {sharedFlags} from '../../shared-flags.js';

export default class EditCluster extends BaseCommand<typeof EditCluster> {
  static override summary = "Edit a cluster's spec in your editor.";
  static override description =
    'Opens the Cluster document in $KUBE_EDITOR, $EDITOR or vi. When you save and quit, the result is validated and stored; ' +
    'an invalid result reopens the editor with the problems listed at the top. The cluster stays locked while you edit.';

  static override examples = [
    {description: 'Edit with the default editor.', command: '<%= config.bin %> edit cluster demo.k8s.local'},
    {description: 'Edit with VS Code.', command: 'EDITOR="code --wait" <%= config.bin %> edit cluster --name demo.k8s.local'},
  ];

  static override args = {
    cluster: Args.string({description: 'Cluster to edit. Same as --name.'}),
  };

  static override flags = {'force-unlock': sharedFlags.forceUnlock};

  async run(): Promise<void> {
    const name = this.clusterName(this.args.cluster);
    const registry = await this.registry();
    await this.withLock(name, {forceUnlock: this.flags['force-unlock']}, async () => {
      const stored = await registry.require(name);
      const outcome = editInEditor({
        original: toYaml([stored.cluster]),
        fileName: `cluster-${name}.yaml`,
        env: process.env,
        accept: (text) => acceptEditedCluster(text, stored),
      });
      if (!outcome.changed) return this.log('Edit cancelled, no changes made.');
      const {document, warnings} = outcome.result;
      await registry.putCluster(document);
      this.warnAll(warnings);
      this.log(`cluster "${name}" edited`);
    });
  }
}
