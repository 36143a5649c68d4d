import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {KopsxError, NotFoundError, parseSshPublicKey} from '@kopsx/core';
import type {SshPublicKey} from '@kopsx/core';

/**
 * Reads and checks an OpenSSH public key file (core's parseSshPublicKey refuses private keys and junk). A
 * leading `~/` means the home directory, as in kOps, because the shell does not expand it in
 * `--ssh-public-key=~/.ssh/id_ed25519.pub`.
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
  try {
    return parseSshPublicKey(text);
  } catch (error) {
    // Name the file: the parser only sees its content.
    if (error instanceof KopsxError) throw new KopsxError(`${path}: ${error.message}`, error.code, error.hint);
    throw error;
  }
}
