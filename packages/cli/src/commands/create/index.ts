import {ManifestCommand} from '../../manifest-command.js';
import {sharedFlags} from '../../shared-flags.js';

export default class Create extends ManifestCommand<typeof Create> {
  static override summary = 'Create clusters and instance groups from a manifest file.';
  static override description =
    'Reads Cluster and InstanceGroup documents (kOps kops.k8s.io/v1alpha2 YAML or JSON, several per file) and stores them. ' +
    'A cluster whose documents are invalid or already stored is not written at all. An InstanceGroup without its Cluster in the ' +
    'file is added to the stored cluster named by its kops.k8s.io/cluster label or --name.';

  static override examples = [
    {description: 'Store the cluster a dry run printed.', command: '<%= config.bin %> create -f demo.yaml'},
    {
      description: 'Add an instance group to a stored cluster, from stdin.',
      command: 'cat gpu-nodes.yaml | <%= config.bin %> create -f - --name demo.k8s.local',
    },
  ];

  static override flags = {
    filename: sharedFlags.filename,
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    await this.applyManifestFile(this.flags.filename, {mode: 'create', createMissing: false, forceUnlock: this.flags['force-unlock']});
  }
}
