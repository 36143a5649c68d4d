import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {KopsxError} from '../errors.js';
import {parseSshPublicKey} from './ssh-public-key.js';

const dir = mkdtempSync(join(tmpdir(), 'kopsx-ssh-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** Generates a key with ssh-keygen and returns its .pub path and content. */
function sshKeygen(name: string, ...typeArgs: string[]): {path: string; line: string} {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', ...typeArgs, '-N', '', '-C', `${name}@test host`, '-f', path]);
  return {path: `${path}.pub`, line: readFileSync(`${path}.pub`, 'utf8')};
}

/** The fingerprint field of `ssh-keygen -l` output: `<bits> <fingerprint> <comment> (<TYPE>)`. */
function keygenFingerprint(pubPath: string, hash: 'md5' | 'sha256'): string {
  return execFileSync('ssh-keygen', ['-E', hash, '-lf', pubPath], {encoding: 'utf8'}).split(' ')[1] ?? '';
}

function rejection(material: string): KopsxError {
  try {
    parseSshPublicKey(material);
  } catch (err) {
    if (err instanceof KopsxError) return err;
    throw err;
  }
  throw new Error('the key was accepted');
}

describe('parseSshPublicKey', () => {
  const generated = [
    ['rsa', '-t', 'rsa', '-b', '2048'],
    ['ed25519', '-t', 'ed25519'],
    ['ecdsa256', '-t', 'ecdsa', '-b', '256'],
    ['ecdsa384', '-t', 'ecdsa', '-b', '384'],
    ['ecdsa521', '-t', 'ecdsa', '-b', '521'],
  ] as const;

  for (const [name, ...args] of generated) {
    it(`accepts an ssh-keygen ${name} key with the fingerprints ssh-keygen shows`, () => {
      const {path, line} = sshKeygen(name, ...args);
      const key = parseSshPublicKey(line);
      expect(`MD5:${key.fingerprintMd5}`).toBe(keygenFingerprint(path, 'md5'));
      expect(key.fingerprintSha256).toBe(keygenFingerprint(path, 'sha256'));
      expect(key.comment).toBe(`${name}@test host`);
      expect(key.line).toBe(line.trim());
      expect(line.startsWith(`${key.keyType} `)).toBe(true);
    });
  }

  it('accepts a key without a comment and surrounding blank lines', () => {
    const [type, body] = sshKeygen('bare', '-t', 'ed25519').line.split(' ');
    const key = parseSshPublicKey(`\n${type} ${body}\n\n`);
    expect(key.comment).toBeUndefined();
    expect(key.line).toBe(`${type} ${body}`);
  });

  it('rejects malformed keys with a message saying what is wrong and a hint', () => {
    const {line: ed} = sshKeygen('victim', '-t', 'ed25519');
    const [, edBody = ''] = ed.split(' ');
    const edBlob = Buffer.from(edBody, 'base64');
    const cases: Array<[string, RegExp]> = [
      ['', /the key is empty/],
      [`${ed}${ed}`, /expected one key, found 2 lines/],
      [`ssh-ed25519 ${edBody.slice(0, 30)}`, /truncated|base64/],
      [`ssh-rsa ${edBody}`, /not a ssh-rsa key/],
      [`ssh-ed25519 ${Buffer.concat([edBlob, Buffer.from([0])]).toString('base64')}`, /trailing bytes/],
      ['ssh-ed25519 not*base64', /expected "<type> <base64 key> \[comment\]"/],
      [readFileSync(join(dir, 'victim'), 'utf8'), /this is a private key/],
      ['---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----', /RFC 4716/],
    ];
    for (const [material, message] of cases) {
      const err = rejection(material);
      expect(err.code).toBe('InvalidSshPublicKey');
      expect(err.message).toMatch(message);
      expect(err.hint).toMatch(/public half/);
    }
  });

  it('never echoes private key material in the error', () => {
    const privateKey = readFileSync(join(dir, 'victim'), 'utf8');
    const secretLine = privateKey.split('\n')[1] ?? '';
    const err = rejection(privateKey);
    expect(`${err.message} ${err.hint}`).not.toContain(secretLine);
  });

  it('rejects unsupported types and short RSA keys', () => {
    expect(rejection('ssh-dss AAAAB3NzaC1kc3M=').message).toBe('unsupported SSH key type "ssh-dss"');
    expect(rejection('ssh-dss AAAAB3NzaC1kc3M=').hint).toMatch(/ssh-ed25519, ssh-rsa/);
    const {line} = sshKeygen('short', '-t', 'rsa', '-b', '1024');
    expect(rejection(line).message).toMatch(/at least 2048 bits, this one has about 1024/);
  });
});
