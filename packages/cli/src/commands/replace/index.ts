import {Flags} from '@oclif/core';
import {ManifestCommand} from '../../manifest-command.js';
import {sharedFlags} from '../../shared-flags.js';

export default class Replace extends ManifestCommand<typeof Replace> {
  static override summary = 'Replace stored clusters and instance groups with the contents of a manifest file.';
  static override description =
    'Each Cluster and InstanceGroup in the file overwrites the stored one of the same name; stored instance groups the file ' +
    'does not mention are kept. Objects that are not stored yet are refused unless --force. The result is validated as a ' +
    'whole before anything is written.';

  static override examples = [
    {description: 'Apply a manifest edited by hand or kept in git.', command: '<%= config.bin %> replace -f demo.yaml'},
    {
      description: 'Round trip: export, change, replace.',
      command: '<%= config.bin %> get all --name demo.k8s.local -o yaml > demo.yaml && <%= config.bin %> replace -f demo.yaml',
    },
    {description: 'Create whatever is missing as well.', command: '<%= config.bin %> replace -f demo.yaml --force'},
  ];

  static override flags = {
    filename: sharedFlags.filename,
    force: Flags.boolean({description: 'Create clusters and instance groups that are not stored yet instead of failing.'}),
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {flags} = this;
    await this.applyManifestFile(flags.filename, {mode: 'replace', createMissing: flags.force, forceUnlock: flags['force-unlock']});
  }
}
