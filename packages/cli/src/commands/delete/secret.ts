import {CLUSTER_KEY_NAMES, NotFoundError} from '@kopsx/core';
import type {Keystore} from '@kopsx/core';
import {Args} from '@oclif/core';
import {KeystoreCommand} from '../../operate/keystore-command.js';
import {sharedFlags} from '../../shared-flags.js';

const TYPES = ['keypair', 'secret', 'sshpublickey'] as const;
type SecretType = (typeof TYPES)[number];

/** How to find and delete one TYPE of entry. */
interface SecretKind {
  /** For messages: `SSH public key`. */
  readonly what: string;
  readonly exists: (keystore: Keystore, name: string) => Promise<boolean>;
  readonly remove: (keystore: Keystore, name: string) => Promise<void>;
}

const KINDS: Readonly<Record<SecretType, SecretKind>> = {
  keypair: {
    what: 'keypair',
    exists: async (keystore, name) => (await keystore.listKeypairs()).some((k) => k.name === name),
    remove: (keystore, name) => keystore.deleteKeypair(name),
  },
  secret: {
    what: 'secret',
    exists: async (keystore, name) => (await keystore.listSecrets()).some((s) => s.name === name),
    remove: (keystore, name) => keystore.deleteSecret(name),
  },
  sshpublickey: {
    what: 'SSH public key',
    // The id as listed, or the MD5 fingerprint with colons (and an optional MD5: prefix).
    exists: async (keystore, name) => {
      const id = name.replace(/^MD5:/i, '').replaceAll(':', '').toLowerCase();
      return (await keystore.listSshPublicKeys()).some((k) => k.id === id);
    },
    remove: (keystore, name) => keystore.deleteSshPublicKey(name),
  },
};

const CLUSTER_KEYS: readonly string[] = Object.values(CLUSTER_KEY_NAMES);

export default class DeleteSecret extends KeystoreCommand<typeof DeleteSecret> {
  static override summary = 'Delete a keypair, secret or SSH public key of a cluster.';
  static override description =
    'TYPE and NAME as `kopsx get secrets` lists them (SSH keys by ID). Without --yes only says what would be deleted. ' +
    'Deleting one of the cluster\'s own keys (its CAs, service-account key or join secrets) makes the next ' +
    '`update cluster --yes` generate a new one, which the machines already running do not trust: roll them all afterwards.';

  static override examples = [
    {description: 'Remove an SSH key.', command: '<%= config.bin %> delete secret sshpublickey 1f3a...9c --name demo.k8s.local --yes'},
  ];

  static override args = {
    type: Args.string({description: 'What to delete.', options: [...TYPES], required: true}),
    name: Args.string({description: 'Its name (for sshpublickey: its ID or MD5 fingerprint).', required: true}),
  };

  static override flags = {
    yes: sharedFlags.yes,
    'force-unlock': sharedFlags.forceUnlock,
  };

  async run(): Promise<void> {
    const {flags} = this;
    const clusterName = this.clusterName();
    const type = this.args.type as SecretType;
    const {name} = this.args;
    const kind = KINDS[type];
    const keystore = await this.keystore(clusterName);
    const label = `${kind.what} "${name}" of cluster "${clusterName}"`;
    if (!flags.yes) {
      if (!(await kind.exists(keystore, name))) {
        throw new NotFoundError(`${kind.what} "${name}" not found in cluster "${clusterName}"`, `list them with "kopsx get secrets --name ${clusterName}"`);
      }
      this.warnIfClusterKey(type, name);
      return this.log(`The ${label} would be deleted.\nNothing was deleted: run the command again with --yes to delete.`);
    }
    await this.withLock(clusterName, {forceUnlock: flags['force-unlock']}, () => kind.remove(keystore, name));
    this.log(`Deleted the ${label}.`);
    this.warnIfClusterKey(type, name);
  }

  private warnIfClusterKey(type: SecretType, name: string): void {
    if (type === 'sshpublickey' || !CLUSTER_KEYS.includes(name)) return;
    this.logToStderr(
      `Warning: "${name}" is one of the cluster's own keys: the next "kopsx update cluster --yes" generates a new one, ` +
        'which running machines do not trust; follow it with "kopsx rolling-update cluster --force --yes"',
    );
  }
}
