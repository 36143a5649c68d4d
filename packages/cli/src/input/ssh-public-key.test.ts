import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ValidationError} from '@kopsx/core';
import {afterAll, describe, expect, it} from 'vitest';
import {parseSshPublicKey} from './ssh-public-key.js';

const dir = mkdtempSync(join(tmpdir(), 'kopsx-ssh-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A real key from ssh-keygen, and the MD5 fingerprint ssh-keygen itself reports for it. */
function generateKey(): {publicKey: string; md5: string} {
  const path = join(dir, `key-${Math.random().toString(36).slice(2)}`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@example', '-f', path]);
  const md5 = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${path}.pub`], {encoding: 'utf8'});
  return {publicKey: readFileSync(`${path}.pub`, 'utf8'), md5: md5.split(' ')[1]!.replace(/^MD5:/, '').replaceAll(':', '')};
}

describe('parseSshPublicKey', () => {
  it('accepts an ssh-keygen public key and computes the same MD5 fingerprint as ssh-keygen', () => {
    const {publicKey, md5} = generateKey();
    const key = parseSshPublicKey(publicKey, 'id.pub');
    expect(key.fingerprint).toBe(md5);
    expect(key.text).toBe(publicKey.trim() + '\n');
  });

  it('refuses a private key', () => {
    expect(() => parseSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n', 'id')).toThrow(/private key/);
  });

  it('refuses text that is not a key, and a key whose data was damaged', () => {
    expect(() => parseSshPublicKey('hello world', 'x.pub')).toThrow(ValidationError);
    const {publicKey} = generateKey();
    const [type, data] = publicKey.split(' ');
    expect(() => parseSshPublicKey(`${type} AAAA${data!.slice(8)}`, 'x.pub')).toThrow(/corrupt/);
  });
});
