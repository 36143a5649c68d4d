import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {NotFoundError} from '@kopsx/core';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {readSshPublicKey} from './ssh-public-key.js';

const dir = mkdtempSync(join(tmpdir(), 'kopsx-ssh-'));
const home = process.env.HOME;
afterEach(() => {
  process.env.HOME = home;
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A real key from ssh-keygen, and the MD5 fingerprint ssh-keygen itself reports for it. */
function generateKey(folder = dir): {path: string; publicKey: string; md5: string} {
  const path = join(folder, `key-${Math.random().toString(36).slice(2)}`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@example', '-f', path]);
  const md5 = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${path}.pub`], {encoding: 'utf8'});
  return {path, publicKey: readFileSync(`${path}.pub`, 'utf8'), md5: md5.split(' ')[1]!.replace(/^MD5:/, '')};
}

describe('readSshPublicKey', () => {
  it('reads an ssh-keygen public key, with the MD5 fingerprint ssh-keygen reports', async () => {
    const {path, publicKey, md5} = generateKey();
    const key = await readSshPublicKey(`${path}.pub`);
    expect(key.fingerprintMd5).toBe(md5);
    expect(key.line).toBe(publicKey.trim());
  });

  it('expands a leading ~/ to the home directory', async () => {
    process.env.HOME = join(dir, 'home');
    mkdirSync(join(dir, 'home', '.ssh'), {recursive: true});
    const {path, md5} = generateKey(join(dir, 'home', '.ssh'));
    const key = await readSshPublicKey(`~/.ssh/${path.split('/').pop()}.pub`);
    expect(key.fingerprintMd5).toBe(md5);
  });

  it('refuses a private key, naming the file and never echoing it', async () => {
    const {path} = generateKey();
    const error = await readSshPublicKey(path).catch((e: unknown) => e as Error);
    expect(error.message).toMatch(new RegExp(`^${path}: .*private key`));
    expect(error.message).not.toContain(readFileSync(path, 'utf8').split('\n')[1]!);
  });

  it('refuses damaged key data and says which file is missing', async () => {
    const {publicKey} = generateKey();
    const [type, data] = publicKey.split(' ');
    writeFileSync(join(dir, 'broken.pub'), `${type} AAAA${data!.slice(8)}\n`);
    await expect(readSshPublicKey(join(dir, 'broken.pub'))).rejects.toThrow(/invalid SSH public key/);
    await expect(readSshPublicKey(join(dir, 'missing.pub'))).rejects.toThrow(NotFoundError);
  });
});
