import {execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inspect} from 'node:util';
import yaml from 'js-yaml';
import {afterAll, describe, expect, it} from 'vitest';
import {KopsxError, NotFoundError, ValidationError} from '../errors.js';
import {buildCluster} from '../model/index.js';
import {Keystore} from '../pki/index.js';
import {ProviderRegistry} from '../provider/index.js';
import {ClusterRegistry, openStateStore} from '../state/index.js';
import {buildKubeconfig, exportKubeconfig} from './kubeconfig.js';
import type {ExportKubeconfigOptions} from './kubeconfig.js';

const NAME = 'dev.example.com';
const HOUR_MS = 60 * 60 * 1000;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-kubeconfig-'));
  dirs.push(dir);
  return dir;
}

/** A stored public cluster reached through DNS (`api.<name>`): exporting it needs no cloud. */
async function storedCluster() {
  const store = await openStateStore(`memfs://kubeconfig-${randomUUID()}`);
  await new ClusterRegistry(store).create(buildCluster({name: NAME, cloud: 'fake', zones: ['fake-1a']}));
  await new Keystore(store, NAME).ensureClusterSecrets();
  const home = tempDir();
  const target = {store, clusterName: NAME, providers: new ProviderRegistry(), env: {HOME: home}};
  return {store, home, target};
}

function kubectl(kubeconfig: string, ...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], {encoding: 'utf8'});
}

function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, {encoding: 'utf8', input});
}

interface Entry {
  name: string;
  [key: string]: unknown;
}

function readConfig(path: string): {clusters: Entry[]; users: Entry[]; contexts: Entry[]; 'current-context': string; [key: string]: unknown} {
  return yaml.load(readFileSync(path, 'utf8')) as never;
}

const OTHER_CONFIG = `apiVersion: v1
kind: Config
preferences: {colors: true}
clusters:
- name: other
  cluster: {server: 'https://other.example.org:6443', insecure-skip-tls-verify: true}
- name: ${NAME}
  cluster: {server: 'https://stale.example.org'}
users:
- name: other-admin
  user: {token: other-token}
- name: sso
  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: sso-login}}
contexts:
- name: other
  context: {cluster: other, user: other-admin, namespace: team-a}
- name: ${NAME}
  context: {cluster: ${NAME}, user: stale, namespace: apps}
current-context: other
`;

describe('exportKubeconfig', () => {
  it('writes a context for the cluster into ~/.kube/config that kubectl reads, with an admin certificate from the cluster CA', async () => {
    const {store, home, target} = await storedCluster();
    const result = await exportKubeconfig({...target, admin: {validityMs: 2 * HOUR_MS}});
    const path = join(home, '.kube', 'config');
    expect(result).toMatchObject({path, context: NAME, server: `https://api.${NAME}`, user: NAME, credentials: 'admin'});
    expect(statSync(path).mode & 0o777).toBe(0o600);

    expect(kubectl(path, 'config', 'current-context').trim()).toBe(NAME);
    expect(kubectl(path, 'config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}')).toBe(`https://api.${NAME}`);

    // The client certificate is issued by the cluster CA, for an administrator, and expires as asked.
    const dir = tempDir();
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, (await new Keystore(store, NAME).getKeypair('kubernetes-ca')).certPem);
    const raw = (field: string) => kubectl(path, 'config', 'view', '--raw', '-o', `jsonpath={.users[0].user.${field}}`);
    const certPem = Buffer.from(raw('client-certificate-data'), 'base64').toString();
    const keyPem = Buffer.from(raw('client-key-data'), 'base64').toString();
    expect(Buffer.from(kubectl(path, 'config', 'view', '--raw', '-o', 'jsonpath={.clusters[0].cluster.certificate-authority-data}'), 'base64').toString())
      .toBe(readFileSync(caFile, 'utf8'));
    const certFile = join(dir, 'admin.crt');
    writeFileSync(certFile, certPem);
    expect(openssl(['verify', '-CAfile', caFile, certFile])).toContain('OK');
    expect(openssl(['x509', '-noout', '-subject'], certPem)).toMatch(/O\s*=\s*system:masters/);
    expect(openssl(['x509', '-noout', '-pubkey'], certPem)).toBe(openssl(['pkey', '-pubout'], keyPem));
    // Backdated a few minutes for clock skew, like every certificate of the keystore.
    const notAfter = Date.parse(result.expires ?? '');
    expect(Math.abs(notAfter - (Date.now() + 2 * HOUR_MS))).toBeLessThan(10 * 60_000);
    // The key reaches the file and nothing else.
    expect(JSON.stringify(result) + inspect(result)).not.toContain(keyPem.split('\n')[1]);
  });

  it('replaces only this cluster\'s entries in the first $KUBECONFIG file, keeping every other entry', async () => {
    const {target} = await storedCluster();
    const dir = tempDir();
    const path = join(dir, 'config');
    writeFileSync(path, OTHER_CONFIG, {mode: 0o644});
    const env = {...target.env, KUBECONFIG: `${path}:${join(dir, 'second')}`};

    await exportKubeconfig({...target, env, admin: {}});

    const config = readConfig(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(config.preferences).toEqual({colors: true});
    expect(config['current-context']).toBe(NAME);
    expect(config.clusters.map((c) => c.name)).toEqual(['other', NAME]);
    expect(config.clusters[0]).toEqual({name: 'other', cluster: {server: 'https://other.example.org:6443', 'insecure-skip-tls-verify': true}});
    expect(config.clusters[1]?.cluster).toMatchObject({server: `https://api.${NAME}`});
    expect(config.users.map((u) => u.name)).toEqual(['other-admin', 'sso', NAME]);
    // The namespace chosen on the context survives; cluster and user are ours again.
    expect(config.contexts).toEqual([
      {name: 'other', context: {cluster: 'other', user: 'other-admin', namespace: 'team-a'}},
      {name: NAME, context: {cluster: NAME, user: NAME, namespace: 'apps'}},
    ]);
    expect(kubectl(path, 'config', 'get-contexts', '-o', 'name').trim().split('\n').sort()).toEqual([NAME, 'other']);

    // A second export replaces the entries instead of adding more.
    await exportKubeconfig({...target, env, admin: {}});
    const again = readConfig(path);
    expect(again.clusters.map((c) => c.name)).toEqual(['other', NAME]);
    expect(again.users.map((u) => u.name)).toEqual(['other-admin', 'sso', NAME]);
  });

  it('with user, points the context at an existing user entry and issues nothing', async () => {
    const {target} = await storedCluster();
    const path = join(tempDir(), 'config');
    writeFileSync(path, OTHER_CONFIG);
    const result = await exportKubeconfig({...target, kubeconfigPath: path, user: 'sso'});
    expect(result).toMatchObject({user: 'sso', credentials: 'existing-user'});
    expect(result.expires).toBeUndefined();
    const config = readConfig(path);
    expect(config.users).toEqual((yaml.load(OTHER_CONFIG) as {users: unknown}).users);
    expect(kubectl(path, 'config', 'view', '-o', `jsonpath={.contexts[?(@.name=="${NAME}")].context.user}`)).toBe('sso');
  });

  it('refuses a user that is not in the file, and admin together with user, leaving the file alone', async () => {
    const {target} = await storedCluster();
    const path = join(tempDir(), 'config');
    writeFileSync(path, OTHER_CONFIG);
    const options: ExportKubeconfigOptions = {...target, kubeconfigPath: path};
    await expect(exportKubeconfig({...options, user: 'nobody'})).rejects.toThrow(NotFoundError);
    await expect(exportKubeconfig({...options, user: 'nobody'})).rejects.toThrow(`user "nobody" is not in ${path}`);
    await expect(exportKubeconfig({...options, user: 'sso', admin: {}})).rejects.toThrow(ValidationError);
    expect(readFileSync(path, 'utf8')).toBe(OTHER_CONFIG);
  });

  it('without credentials, keeps the user entry an earlier export wrote', async () => {
    const {target} = await storedCluster();
    const path = join(tempDir(), 'config');
    await exportKubeconfig({...target, kubeconfigPath: path, admin: {}});
    const before = readConfig(path).users;
    const result = await exportKubeconfig({...target, kubeconfigPath: path});
    expect(result.credentials).toBe('existing-user');
    expect(readConfig(path).users).toEqual(before);

    const fresh = join(tempDir(), 'config');
    expect((await exportKubeconfig({...target, kubeconfigPath: fresh})).credentials).toBe('none');
  });

  it('uses api.internal.<name> with internal, and says why a file it cannot merge into is refused', async () => {
    const {target} = await storedCluster();
    const path = join(tempDir(), 'config');
    expect((await exportKubeconfig({...target, kubeconfigPath: path, internal: true})).server).toBe(`https://api.internal.${NAME}`);
    writeFileSync(path, 'clusters: {not: a list}\n');
    const error = await exportKubeconfig({...target, kubeconfigPath: path}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KopsxError);
    expect((error as KopsxError).message).toBe(`kubeconfig ${path} has a "clusters" field that is not a list of entries`);
  });
});

describe('buildKubeconfig', () => {
  it('fails with a hint when the cluster has no CA', async () => {
    const store = await openStateStore(`memfs://kubeconfig-${randomUUID()}`);
    const error = await buildKubeconfig({store, clusterName: NAME, server: 'https://x', admin: {}}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain(`cluster "${NAME}" has no certificate authority`);
  });
});
