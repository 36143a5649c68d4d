import type {SshPublicKeyInfo} from '@kopsx/core';
import {Flags} from '@oclif/core';
import {KeystoreCommand} from '../../operate/keystore-command.js';
import {renderTable} from '../../output/render-table.js';

export default class GetSshPublicKeys extends KeystoreCommand<typeof GetSshPublicKeys> {
  static override hiddenAliases = ['get:sshpublickey'];
  static override summary = "List the SSH public keys installed on a cluster's machines.";
  static override description =
    'The ID is the key\'s MD5 fingerprint without colons (what `kopsx delete secret sshpublickey ID` takes); FINGERPRINT is ' +
    'the SHA256 one `ssh-keygen -l` prints. `-o yaml|json` adds the public key itself.';

  static override examples = [{description: 'List them.', command: '<%= config.bin %> get sshpublickeys --name demo.k8s.local'}];

  static override flags = {
    output: Flags.option({
      char: 'o',
      options: ['table', 'yaml', 'json'] as const,
      default: 'table' as const,
      description: 'Output format.',
    })(),
  };

  async run(): Promise<void> {
    const clusterName = this.clusterName();
    const keys = await (await this.keystore(clusterName)).listSshPublicKeys();
    await this.printListing(
      {
        count: keys.length,
        empty: `Cluster "${clusterName}" has no SSH public key: add one with "kopsx create secret sshpublickey -i ~/.ssh/id_ed25519.pub"`,
        table: () => sshKeysTable(keys),
        items: async () => keys,
      },
      this.flags,
    );
  }
}

function sshKeysTable(keys: readonly SshPublicKeyInfo[]): string {
  return renderTable(
    ['id', 'type', 'fingerprint', 'comment'],
    keys.map((k) => [k.id, k.keyType, k.fingerprintSha256, k.comment ?? '']),
  );
}
