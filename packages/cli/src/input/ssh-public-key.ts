import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {KopsxError, NotFoundError, ValidationError} from '@kopsx/core';

export interface SshPublicKey {
  /** The key as one `type base64 [comment]` line. */
  readonly text: string;
  /** MD5 of the key blob as plain hex: the id kOps files the key under in `pki/ssh/public/admin/`. */
  readonly fingerprint: string;
}

const KEY_TYPES = ['ssh-rsa', 'ssh-ed25519', 'ssh-dss', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

/**
 * Reads and checks an OpenSSH public key file, refusing private keys and junk. A leading `~/` means the home
 * directory, as in kOps, because the shell does not expand it in `--ssh-public-key=~/.ssh/id_ed25519.pub`.
 */
export async function readSshPublicKey(path: string): Promise<SshPublicKey> {
  const expanded = path.startsWith('~/') ? join(process.env.HOME || homedir(), path.slice(2)) : path;
  let text: string;
  try {
    text = await readFile(expanded, 'utf8');
  } catch (error) {
    const hint = 'give the path of your public key, e.g. ~/.ssh/id_ed25519.pub (create one with ssh-keygen)';
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`SSH public key file "${path}" does not exist`, hint);
    throw new KopsxError(`cannot read SSH public key file "${path}": ${(error as Error).message}`, 'FileUnreadable', hint);
  }
  return parseSshPublicKey(text, path);
}

export function parseSshPublicKey(text: string, source: string): SshPublicKey {
  const line = text.trim();
  const invalid = (message: string): ValidationError =>
    new ValidationError([{path: '--ssh-public-key', message, hint: 'give the .pub file, e.g. ~/.ssh/id_ed25519.pub'}], source);
  if (line.includes('PRIVATE KEY')) throw invalid('this is a private key; never hand kopsx a private key');
  const [type, base64] = line.split(/\s+/);
  if (!type || !KEY_TYPES.includes(type) || !base64) {
    throw invalid(`not an OpenSSH public key (expected "<type> <base64>" with type one of ${KEY_TYPES.join(', ')})`);
  }
  const blob = Buffer.from(base64, 'base64');
  // The blob starts with the key type as an SSH string: a corrupted or truncated key fails here.
  const typeLength = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (typeLength !== type.length || blob.subarray(4, 4 + typeLength).toString('latin1') !== type) {
    throw invalid('the key data is corrupt (its base64 does not decode to a ' + type + ' key)');
  }
  return {text: `${line}\n`, fingerprint: createHash('md5').update(blob).digest('hex')};
}
