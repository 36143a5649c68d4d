import {AlreadyExistsError} from '@kopsx/core';
import {Args, Flags} from '@oclif/core';
import {readSshPublicKey} from '../../../input/ssh-public-key.js';
import {KeystoreCommand} from '../../../operate/keystore-command.js';
import {nextSteps} from '../../../output/next-steps.js';
import {sharedFlags} from '../../../shared-flags.js';

export default class CreateSecretSshPublicKey extends KeystoreCommand<typeof CreateSecretSshPublicKey> {
  static override summary = "Store the SSH public key installed for the admin user on a cluster's machines.";
  static override description =
    'Checks the key (refusing private keys, damaged data and RSA keys under 2048 bits) and stores it under its MD5 ' +
    'fingerprint. A cluster has one admin key: to change it, delete the old one first. Machines get the key when they are ' +
    'created: run `kopsx update cluster --yes`, then `kopsx rolling-update cluster --yes` for those already running.';

  static override examples = [
    {description: 'Add your key.', command: '<%= config.bin %> create secret sshpublickey -i ~/.ssh/id_ed25519.pub --name demo.k8s.local'},
  ];

  static override args = {
    user: Args.string({description: 'The user the key is for: kOps clusters have one, admin.', options: ['admin'], default: 'admin'}),
  };

  static override flags = {
    'ssh-public-key': Flags.string({char: 'i', description: 'OpenSSH public key file, e.g. ~/.ssh/id_ed25519.pub.', required: true}),
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {flags} = this;
    const clusterName = this.clusterName();
    const key = await readSshPublicKey(flags['ssh-public-key']);
    const keystore = await this.keystore(clusterName);
    const added = await this.withLock(clusterName, {forceUnlock: flags['force-unlock']}, async () => {
      const existing = await keystore.listSshPublicKeys();
      if (existing.some((k) => k.fingerprintMd5 === key.fingerprintMd5)) return false;
      const other = existing[0];
      if (other) {
        throw new AlreadyExistsError(
          `cluster "${clusterName}" already has an admin SSH key (${other.id}, ${other.fingerprintSha256})`,
          `delete it first with "kopsx delete secret sshpublickey ${other.id} --name ${clusterName} --yes"`,
        );
      }
      await keystore.addSshPublicKey(key.line);
      return true;
    });
    const id = key.fingerprintMd5.replaceAll(':', '');
    if (!added) return this.log(`SSH public key ${id} is already stored for cluster "${clusterName}": nothing changed.`);
    this.log(`Stored SSH public key ${id} (${key.fingerprintSha256}) for the admin user of cluster "${clusterName}".`);
    this.log(
      `\n${nextSteps([
        [`kopsx update cluster ${clusterName} --yes`, 'new machines get the key'],
        [`kopsx rolling-update cluster ${clusterName} --yes`, 'replace the machines already running'],
      ])}`,
    );
  }
}
