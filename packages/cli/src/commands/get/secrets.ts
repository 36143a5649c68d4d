import {NotFoundError} from '@kopsx/core';
import {Args} from '@oclif/core';
import {KeystoreCommand, listingFlags} from '../../operate/keystore-command.js';
import {listSecretEntries, revealSecretEntry, secretEntriesTable} from '../../operate/secret-entries.js';

export default class GetSecrets extends KeystoreCommand<typeof GetSecrets> {
  static override hiddenAliases = ['get:secret'];
  static override summary = "List a cluster's keypairs, secrets and SSH public keys (names and types only).";
  static override description =
    'Everything the cluster keeps in its keystore: keypairs (CAs and the service-account key), secrets (the kubeadm join ' +
    'token and certificate key) and SSH public keys (by id). Private keys and secret values are only printed with ' +
    '`-o yaml --reveal`. Each row can be deleted with `kopsx delete secret TYPE NAME`.';

  static override examples = [
    {description: 'List them.', command: '<%= config.bin %> get secrets --name demo.k8s.local'},
    {description: 'One of them with its value (keep it out of logs).', command: '<%= config.bin %> get secrets kubeadm-bootstrap-token -o yaml --reveal'},
  ];

  static override args = {
    secret: Args.string({description: 'Show only the entry of this name.'}),
  };

  static override flags = listingFlags;

  async run(): Promise<void> {
    const {flags} = this;
    this.checkReveal(flags);
    const clusterName = this.clusterName();
    const keystore = await this.keystore(clusterName);
    const wanted = this.args.secret;
    const entries = (await listSecretEntries(keystore)).filter((e) => wanted === undefined || e.name === wanted);
    if (wanted !== undefined && entries.length === 0) {
      throw new NotFoundError(`no keypair, secret or SSH public key "${wanted}" in cluster "${clusterName}"`, `list them with "kopsx get secrets --name ${clusterName}"`);
    }
    await this.printListing(
      {
        count: entries.length,
        empty: `Cluster "${clusterName}" has no secrets yet: they are made by "kopsx create cluster" and "kopsx update cluster --yes"`,
        table: () => secretEntriesTable(entries),
        items: async () => entries,
        revealed: () => Promise.all(entries.map((entry) => revealSecretEntry(keystore, entry))),
      },
      flags,
    );
  }
}
