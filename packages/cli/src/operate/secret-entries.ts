import type {Keystore} from '@kopsx/core';
import {renderTable} from '../output/render-table.js';

/** What `get secrets` lists, and `delete secret TYPE NAME` takes: every key, secret and SSH key of a cluster. */
export interface SecretEntry {
  readonly name: string;
  readonly type: 'Keypair' | 'Secret' | 'SSHPublicKey';
}

/** The TYPE argument of `delete secret` for each entry type (kOps' words). */
export const SECRET_TYPE_WORDS = {Keypair: 'keypair', Secret: 'secret', SSHPublicKey: 'sshpublickey'} as const;

/** Keypairs, then secrets, then SSH public keys (named by their id), each by name. Reads no private material. */
export async function listSecretEntries(keystore: Keystore): Promise<SecretEntry[]> {
  const [keypairs, secrets, sshKeys] = await Promise.all([keystore.listKeypairs(), keystore.listSecrets(), keystore.listSshPublicKeys()]);
  const byName = (a: SecretEntry, b: SecretEntry): number => a.name.localeCompare(b.name);
  return [
    ...keypairs.map((k): SecretEntry => ({name: k.name, type: 'Keypair'})).sort(byName),
    ...secrets.map((s): SecretEntry => ({name: s.name, type: 'Secret'})).sort(byName),
    ...sshKeys.map((k): SecretEntry => ({name: k.id, type: 'SSHPublicKey'})).sort(byName),
  ];
}

export function secretEntriesTable(entries: readonly SecretEntry[]): string {
  return renderTable(['name', 'type'], entries.map((e) => [e.name, e.type]));
}

/** An entry with its material, for `-o yaml --reveal`: the keypair's certificate and key, the secret's value. */
export async function revealSecretEntry(keystore: Keystore, entry: SecretEntry): Promise<Record<string, string>> {
  if (entry.type === 'Keypair') {
    const pair = await keystore.getKeypair(entry.name);
    return {...entry, id: pair.id, certificate: pair.certPem, privateKey: pair.keyPem.reveal()};
  }
  if (entry.type === 'Secret') return {...entry, value: (await keystore.getSecret(entry.name)).reveal()};
  const key = (await keystore.listSshPublicKeys()).find((k) => k.id === entry.name);
  return {...entry, ...(key ? {publicKey: key.publicKey} : {})};
}
