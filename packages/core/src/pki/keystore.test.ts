import {execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {inspect} from 'node:util';
import yaml from 'js-yaml';
import {afterAll, describe, expect, it} from 'vitest';
import {KopsxError, NotFoundError} from '../errors.js';
import {openStateStore} from '../state/open-state-store.js';
import type {StateStore} from '../state/state-store.js';
import {describeCertificate} from './certificates.js';
import {CLUSTER_KEY_NAMES, Keystore} from './keystore.js';

const CLUSTER = 'test.k8s.local';
const HOUR_MS = 60 * 60 * 1000;
const ALL_NAMES = Object.values(CLUSTER_KEY_NAMES).sort();
const KEYPAIR_NAMES = ['etcd-ca', 'front-proxy-ca', 'kubernetes-ca', 'service-account'];

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-keystore-'));
  tempDirs.push(dir);
  return dir;
}

async function memfsStore(): Promise<StateStore> {
  return openStateStore(`memfs://keystore-${randomUUID()}`);
}

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, {encoding: 'utf8'});
}

/** Snapshot of everything ensureClusterSecrets generates, to compare two calls. */
async function material(keystore: Keystore): Promise<Record<string, string>> {
  const entries = await Promise.all([
    ...KEYPAIR_NAMES.map(async (name) => {
      const pair = await keystore.getKeypair(name);
      return [name, pair.certPem + pair.keyPem.reveal()] as const;
    }),
    ...[CLUSTER_KEY_NAMES.bootstrapToken, CLUSTER_KEY_NAMES.certificateKey].map(
      async (name) => [name, (await keystore.getSecret(name)).reveal()] as const,
    ),
  ]);
  return Object.fromEntries(entries);
}

describe('Keystore.ensureClusterSecrets', () => {
  it('generates the CAs, the service-account key and the kubeadm secrets once, then keeps them', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    const first = await keystore.ensureClusterSecrets();
    expect([...first.created].sort()).toEqual(ALL_NAMES);
    expect(first.kept).toEqual([]);
    const before = await material(keystore);

    const second = await keystore.ensureClusterSecrets();
    expect(second.created).toEqual([]);
    expect([...second.kept].sort()).toEqual(ALL_NAMES);
    expect(await material(keystore)).toEqual(before);

    expect(before[CLUSTER_KEY_NAMES.bootstrapToken]).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    expect(before[CLUSTER_KEY_NAMES.certificateKey]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets concurrent callers on one file:// store agree on a single CA', async () => {
    const url = pathToFileURL(tempDir()).href;
    // Two store handles, as two processes would have.
    const [a, b] = [new Keystore(await openStateStore(url), CLUSTER), new Keystore(await openStateStore(url), CLUSTER)];
    const [resultA, resultB] = await Promise.all([a.ensureClusterSecrets(), b.ensureClusterSecrets()]);
    // Each object was created by exactly one of them.
    expect([...resultA.created, ...resultB.created].sort()).toEqual(ALL_NAMES);
    expect(await material(a)).toEqual(await material(b));
    const listA = await a.listKeypairs();
    expect(listA).toEqual(await b.listKeypairs());
    const ca = await a.getKeypair('kubernetes-ca');
    expect(listA.find((k) => k.name === 'kubernetes-ca')?.fingerprint).toBe(describeCertificate(ca.certPem).fingerprint);
  });

  it('writes private keys and secrets 0600 on file://, in kOps layout and formats', async () => {
    const dir = tempDir();
    const keystore = new Keystore(await openStateStore(pathToFileURL(dir).href), CLUSTER);
    await keystore.ensureClusterSecrets();
    const mode = (...path: string[]) => statSync(join(dir, CLUSTER, ...path)).mode & 0o777;
    for (const name of KEYPAIR_NAMES) {
      expect(mode('pki', 'private', name, 'keyset.yaml')).toBe(0o600);
    }
    expect(mode('secrets', CLUSTER_KEY_NAMES.bootstrapToken)).toBe(0o600);
    expect(mode('secrets', CLUSTER_KEY_NAMES.certificateKey)).toBe(0o600);

    const keyset = yaml.load(readFileSync(join(dir, CLUSTER, 'pki/private/kubernetes-ca/keyset.yaml'), 'utf8'));
    const ca = await keystore.getKeypair('kubernetes-ca');
    expect(keyset).toEqual({
      apiVersion: 'kops.k8s.io/v1alpha2',
      kind: 'Keyset',
      metadata: {name: 'kubernetes-ca'},
      spec: {
        type: 'Keypair',
        primaryId: ca.id,
        keys: [
          {
            id: ca.id,
            publicMaterial: Buffer.from(ca.certPem).toString('base64'),
            privateMaterial: Buffer.from(ca.keyPem.reveal()).toString('base64'),
          },
        ],
      },
    });
    const secretFile = JSON.parse(readFileSync(join(dir, CLUSTER, 'secrets', CLUSTER_KEY_NAMES.bootstrapToken), 'utf8'));
    const token = (await keystore.getSecret(CLUSTER_KEY_NAMES.bootstrapToken)).reveal();
    expect(secretFile).toEqual({Data: Buffer.from(token).toString('base64')});
  });

  it('makes CA keypairs that openssl accepts as CAs matching their keys', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await keystore.ensureClusterSecrets();
    const dir = tempDir();
    for (const name of KEYPAIR_NAMES) {
      const pair = await keystore.getKeypair(name);
      const certPath = join(dir, `${name}.crt`);
      writeFileSync(certPath, pair.certPem);
      writeFileSync(join(dir, `${name}.key`), pair.keyPem.reveal(), {mode: 0o600});
      expect(openssl('x509', '-in', certPath, '-noout', '-text')).toMatch(/CA:TRUE/);
      expect(openssl('x509', '-in', certPath, '-noout', '-subject').trim()).toBe(`subject=CN = ${name}`);
      expect(openssl('pkey', '-in', join(dir, `${name}.key`), '-pubout')).toBe(
        openssl('x509', '-in', certPath, '-noout', '-pubkey'),
      );
      expect(pair.id).toBe(describeCertificate(pair.certPem).serial);
    }
  });

  it('repairs a missing certificate-only copy, as a kOps store lacks it', async () => {
    const store = await memfsStore();
    const keystore = new Keystore(store, CLUSTER);
    await keystore.ensureClusterSecrets();
    const before = await keystore.listKeypairs();
    await store.delete(`${CLUSTER}/pki/issued/etcd-ca/keyset.yaml`);
    expect(await keystore.listKeypairs()).toEqual(before);
    expect((await keystore.ensureClusterSecrets()).created).toEqual([]);
    expect(await store.read(`${CLUSTER}/pki/issued/etcd-ca/keyset.yaml`)).toBeDefined();
  });
});

describe('Keystore listings', () => {
  it('never include private material', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await keystore.ensureClusterSecrets();
    const privateKeys = await Promise.all(KEYPAIR_NAMES.map(async (name) => (await keystore.getKeypair(name)).keyPem.reveal()));
    const tokens = await Promise.all(
      [CLUSTER_KEY_NAMES.bootstrapToken, CLUSTER_KEY_NAMES.certificateKey].map(async (n) => (await keystore.getSecret(n)).reveal()),
    );
    const listed = JSON.stringify([await keystore.listKeypairs(), await keystore.listSecrets()]);
    expect(listed).not.toMatch(/PRIVATE KEY/);
    const keyBodyLines = privateKeys.flatMap((pem) => pem.split('\n').filter((line) => line && !line.startsWith('-----')));
    for (const secret of [...keyBodyLines, ...tokens]) {
      expect(listed).not.toContain(secret);
      expect(listed).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(await keystore.listSecrets()).toEqual([
      {name: CLUSTER_KEY_NAMES.bootstrapToken, type: 'Secret'},
      {name: CLUSTER_KEY_NAMES.certificateKey, type: 'Secret'},
    ]);
    const keypairs = await keystore.listKeypairs();
    expect(keypairs.map((k) => k.name)).toEqual(KEYPAIR_NAMES);
    for (const k of keypairs) {
      expect(Object.keys(k).sort()).toEqual(['fingerprint', 'id', 'isCa', 'name', 'notAfter', 'notBefore', 'subject', 'type']);
      expect(k.type).toBe('Keypair');
      expect(Date.parse(k.notAfter) - Date.now()).toBeGreaterThan(9.9 * 365 * 24 * HOUR_MS);
    }
  });

  it('print keys and secrets as [secret] when logged', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await keystore.ensureClusterSecrets();
    const pair = await keystore.getKeypair('kubernetes-ca');
    const token = await keystore.getSecret(CLUSTER_KEY_NAMES.bootstrapToken);
    const printed = inspect({pair, token}) + JSON.stringify({pair, token});
    expect(printed).not.toMatch(/PRIVATE KEY/);
    expect(printed).not.toContain(token.reveal());
    expect(printed).toContain('[secret]');
  });
});

describe('Keystore deletes and errors', () => {
  it('deletes secrets and keypairs; a deleted CA is generated anew on the next ensure', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await keystore.ensureClusterSecrets();
    const oldCa = await keystore.getKeypair('etcd-ca');
    await keystore.deleteSecret(CLUSTER_KEY_NAMES.bootstrapToken);
    await keystore.deleteKeypair('etcd-ca');
    expect((await keystore.listSecrets()).map((s) => s.name)).toEqual([CLUSTER_KEY_NAMES.certificateKey]);
    expect((await keystore.listKeypairs()).map((k) => k.name)).not.toContain('etcd-ca');
    await expect(keystore.getKeypair('etcd-ca')).rejects.toBeInstanceOf(NotFoundError);
    await expect(keystore.getSecret(CLUSTER_KEY_NAMES.bootstrapToken)).rejects.toBeInstanceOf(NotFoundError);
    await expect(keystore.deleteSecret(CLUSTER_KEY_NAMES.bootstrapToken)).rejects.toBeInstanceOf(NotFoundError);
    await expect(keystore.deleteKeypair('etcd-ca')).rejects.toBeInstanceOf(NotFoundError);

    const again = await keystore.ensureClusterSecrets();
    expect([...again.created].sort()).toEqual(['etcd-ca', CLUSTER_KEY_NAMES.bootstrapToken]);
    expect((await keystore.getKeypair('etcd-ca')).certPem).not.toBe(oldCa.certPem);
  });

  it('rejects names that would escape the cluster folder', async () => {
    const store = await memfsStore();
    const keystore = new Keystore(store, CLUSTER);
    await expect(keystore.getSecret('../config')).rejects.toBeInstanceOf(KopsxError);
    await expect(keystore.getKeypair('a/b')).rejects.toBeInstanceOf(KopsxError);
    expect(() => new Keystore(store, '..')).toThrow(KopsxError);
  });

  it('reports a damaged keyset without quoting its content', async () => {
    const store = await memfsStore();
    const keystore = new Keystore(store, CLUSTER);
    await store.write(`${CLUSTER}/pki/private/kubernetes-ca/keyset.yaml`, 'privateMaterial: [TOPSECRET', {secret: true});
    const err = await keystore.getKeypair('kubernetes-ca').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KopsxError);
    expect((err as KopsxError).code).toBe('CorruptKeystore');
    expect((err as KopsxError).message).toContain(`${CLUSTER}/pki/private/kubernetes-ca/keyset.yaml`);
    expect((err as KopsxError).message).not.toContain('TOPSECRET');
  });
});

describe('Keystore SSH public keys', () => {
  it('adds, lists and deletes keys under pki/ssh/public/admin/<md5 id>', async () => {
    const dir = tempDir();
    const keyPath = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@laptop', '-f', keyPath]);
    const line = readFileSync(`${keyPath}.pub`, 'utf8');
    const md5 = execFileSync('ssh-keygen', ['-E', 'md5', '-lf', `${keyPath}.pub`], {encoding: 'utf8'}).split(' ')[1];

    const store = await memfsStore();
    const keystore = new Keystore(store, CLUSTER);
    const added = await keystore.addSshPublicKey(line);
    expect(`MD5:${added.fingerprintMd5}`).toBe(md5);
    expect(added.id).toBe(added.fingerprintMd5.replaceAll(':', ''));
    expect((await store.read(`${CLUSTER}/pki/ssh/public/admin/${added.id}`))?.toString()).toBe(line);
    await keystore.addSshPublicKey(line); // the same key again changes nothing
    expect(await keystore.listSshPublicKeys()).toEqual([added]);
    expect(added).toMatchObject({type: 'SSHPublicKey', keyType: 'ssh-ed25519', comment: 'ada@laptop', publicKey: line.trim()});

    await keystore.deleteSshPublicKey(`MD5:${added.fingerprintMd5}`);
    expect(await keystore.listSshPublicKeys()).toEqual([]);
    await expect(keystore.deleteSshPublicKey(added.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(keystore.deleteSshPublicKey('../../config')).rejects.toSatisfy(
      (err) => err instanceof KopsxError && err.code === 'InvalidSshPublicKeyId',
    );
  });

  it('stores nothing when the key is malformed', async () => {
    const store = await memfsStore();
    const keystore = new Keystore(store, CLUSTER);
    await expect(keystore.addSshPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB')).rejects.toSatisfy(
      (err) => err instanceof KopsxError && err.code === 'InvalidSshPublicKey',
    );
    expect(await store.list(`${CLUSTER}/`)).toEqual([]);
  });
});

describe('Keystore.issueAdminCertificate', () => {
  it('issues a system:masters client certificate that openssl verifies against the cluster CA', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await keystore.ensureClusterSecrets();
    const admin = await keystore.issueAdminCertificate({validityMs: 18 * HOUR_MS, user: 'ada'});
    const dir = tempDir();
    const caPath = join(dir, 'ca.crt');
    const certPath = join(dir, 'admin.crt');
    const keyPath = join(dir, 'admin.key');
    writeFileSync(caPath, (await keystore.getKeypair('kubernetes-ca')).certPem);
    writeFileSync(certPath, admin.certPem);
    writeFileSync(keyPath, admin.keyPem.reveal(), {mode: 0o600});
    expect(openssl('verify', '-CAfile', caPath, '-purpose', 'sslclient', certPath)).toBe(`${certPath}: OK\n`);
    expect(openssl('x509', '-in', certPath, '-noout', '-subject').trim()).toBe('subject=O = system:masters, CN = ada');
    expect(openssl('pkey', '-in', keyPath, '-pubout')).toBe(openssl('x509', '-in', certPath, '-noout', '-pubkey'));
    expect(admin.user).toBe('ada');
    const hoursLeft = (Date.parse(admin.notAfter) - Date.now()) / HOUR_MS;
    expect(hoursLeft).toBeGreaterThan(17.9);
    expect(hoursLeft).toBeLessThanOrEqual(18);
    // Nothing about the admin certificate is stored.
    expect((await keystore.listKeypairs()).map((k) => k.name)).toEqual(KEYPAIR_NAMES);
  });

  it('fails with a hint when the cluster has no CA', async () => {
    const keystore = new Keystore(await memfsStore(), CLUSTER);
    await expect(keystore.issueAdminCertificate({validityMs: HOUR_MS})).rejects.toSatisfy(
      (err) => err instanceof NotFoundError && /has no certificate authority/.test(err.message) && Boolean(err.hint),
    );
  });
});
