import {NotFoundError} from '@kopsx/core';
import type {KeypairInfo} from '@kopsx/core';
import {Args} from '@oclif/core';
import {KeystoreCommand, listingFlags} from '../../operate/keystore-command.js';
import {renderTable} from '../../output/render-table.js';

export default class GetKeypairs extends KeystoreCommand<typeof GetKeypairs> {
  static override hiddenAliases = ['get:keypair'];
  static override summary = "List a cluster's keypairs: its CAs and service-account key, with their certificates' details.";
  static override description =
    'Shows each keypair\'s name, certificate serial (ID), subject and expiry; `-o yaml|json` adds the fingerprint and validity. ' +
    'Private keys are only printed with `-o yaml --reveal`.';

  static override examples = [
    {description: 'List them.', command: '<%= config.bin %> get keypairs --name demo.k8s.local'},
    {description: 'The cluster CA as YAML.', command: '<%= config.bin %> get keypairs kubernetes-ca -o yaml'},
  ];

  static override args = {
    keypair: Args.string({description: 'Show only this keypair.'}),
  };

  static override flags = listingFlags;

  async run(): Promise<void> {
    const {flags} = this;
    this.checkReveal(flags);
    const clusterName = this.clusterName();
    const keystore = await this.keystore(clusterName);
    const wanted = this.args.keypair;
    const keypairs = (await keystore.listKeypairs()).filter((k) => wanted === undefined || k.name === wanted);
    if (wanted !== undefined && keypairs.length === 0) {
      throw new NotFoundError(`keypair "${wanted}" not found in cluster "${clusterName}"`, `list them with "kopsx get keypairs --name ${clusterName}"`);
    }
    await this.printListing(
      {
        count: keypairs.length,
        empty: `Cluster "${clusterName}" has no keypairs yet: they are made by "kopsx create cluster" and "kopsx update cluster --yes"`,
        table: () => keypairsTable(keypairs),
        items: async () => keypairs,
        revealed: () =>
          Promise.all(
            keypairs.map(async (info) => {
              const pair = await keystore.getKeypair(info.name);
              return {...info, certificate: pair.certPem, privateKey: pair.keyPem.reveal()};
            }),
          ),
      },
      flags,
    );
  }
}

function keypairsTable(keypairs: readonly KeypairInfo[]): string {
  return renderTable(
    ['name', 'id', 'subject', 'not-after'],
    keypairs.map((k) => [k.name, k.id, k.subject, k.notAfter]),
  );
}
