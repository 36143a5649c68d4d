import {parseManifests} from '@kopsx/core';
import {splitManifest} from '../../manifest/cluster-changes.js';
import {DeletionCommand} from '../../deletion-command.js';
import {readInputFile} from '../../input/read-input-file.js';
import {sharedFlags} from '../../shared-flags.js';

export default class Delete extends DeletionCommand<typeof Delete> {
  static override summary = 'Delete the clusters and instance groups a manifest file names.';
  static override description =
    'A Cluster document deletes the whole cluster; an InstanceGroup without its Cluster in the file deletes just that group. ' +
    'Clusters are deleted with their cloud resources, as by `delete cluster`. Without --yes only says what would be deleted.';

  static override examples = [{description: 'Delete what demo.yaml describes.', command: '<%= config.bin %> delete -f demo.yaml --yes'}];

  static override flags = {
    filename: sharedFlags.filename,
    yes: sharedFlags.yes,
    unregister: sharedFlags.unregister,
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {text, source} = await readInputFile(this.flags.filename);
    const {flags} = this;
    const options = {yes: flags.yes, forceUnlock: flags['force-unlock']};
    for (const change of splitManifest(parseManifests(text, source), {defaultCluster: flags.name})) {
      if (change.cluster) await this.deleteCluster(change.clusterName, {...options, unregister: flags.unregister});
      else await this.deleteInstanceGroups(change.clusterName, change.instanceGroups.map((ig) => ig.metadata.name), options);
    }
  }
}
