/**
 * The cluster's keystore through the CLI: made once at `create`, kept by every later create or replace, listed
 * without private material, revealed only on request, SSH keys added and removed. Also the flags of the
 * commands that operate a cluster (export kubecfg, validate, rolling-update), which are refused before any
 * store or cloud is touched (the cloud-facing behaviour is tested end to end in e2e/test/operate.test.ts).
 */
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {Keystore, openStateStore} from '@kopsx/core';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, PluginDir, Sandbox} from './support/sandbox.js';

const NAME = 'keys.k8s.local';
const createArgs = (name = NAME, ...extra: string[]): string[] => ['create', 'cluster', name, '--cloud', 'aws', '--zones', 'us-east-1a', ...extra];

let plugins: PluginDir;
let sandbox: Sandbox;
beforeAll(async () => {
  plugins = await PluginDir.link(AWS_PLUGIN_DIR);
});
afterAll(() => plugins?.remove());
beforeEach(() => {
  sandbox = new Sandbox({pluginDir: plugins});
});
afterEach(() => sandbox.remove());

async function ok(args: readonly string[]): Promise<string> {
  const result = await sandbox.run(args);
  expect(result.code, `kopsx ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** What the store holds, read with core's keystore: the values no listing may print. */
async function storedSecrets(name = NAME): Promise<{caCert: string; caKey: string; token: string; certificateKey: string}> {
  const keystore = new Keystore(await openStateStore(sandbox.storeUrl), name);
  const ca = await keystore.getKeypair('kubernetes-ca');
  return {
    caCert: ca.certPem,
    caKey: ca.keyPem.reveal(),
    token: (await keystore.getSecret('kubeadm-bootstrap-token')).reveal(),
    certificateKey: (await keystore.getSecret('kubeadm-certificate-key')).reveal(),
  };
}

function sshKey(file: string, comment: string): {path: string; line: string; sha256: string} {
  const path = join(sandbox.dir, file);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  const listed = execFileSync('ssh-keygen', ['-l', '-f', `${path}.pub`], {encoding: 'utf8'});
  return {path: `${path}.pub`, line: readFileSync(`${path}.pub`, 'utf8').trim(), sha256: listed.split(' ')[1]!};
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

describe('secrets made by create', () => {
  it('create cluster makes the CAs and join secrets, private ones readable by the owner only', async () => {
    await ok(createArgs());
    const secrets = (await ok(['get', 'secrets', '--name', NAME])).trimEnd().split('\n');
    expect(secrets[0]).toMatch(/^NAME\s+TYPE$/);
    for (const keypair of ['etcd-ca', 'front-proxy-ca', 'kubernetes-ca', 'service-account']) {
      expect(secrets).toContainEqual(expect.stringMatching(new RegExp(`^${keypair}\\s+Keypair$`)));
    }
    for (const secret of ['kubeadm-bootstrap-token', 'kubeadm-certificate-key']) {
      expect(secrets).toContainEqual(expect.stringMatching(new RegExp(`^${secret}\\s+Secret$`)));
    }
    const privateFiles = [...filesUnder(join(sandbox.storeDir, NAME, 'pki', 'private')), ...filesUnder(join(sandbox.storeDir, NAME, 'secrets'))];
    expect(privateFiles).toHaveLength(6);
    for (const file of privateFiles) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
  });

  it('a second create or a replace never regenerates them; create -f of a new cluster makes its own', async () => {
    await ok(createArgs());
    const before = await storedSecrets();
    const again = await sandbox.run(createArgs());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const manifest = await ok(['get', 'all', '--name', NAME, '-o', 'yaml']);
    sandbox.write('keys.yaml', manifest);
    await ok(['replace', '-f', 'keys.yaml']);
    await ok(['replace', '-f', 'keys.yaml', '--force']);
    expect(await storedSecrets()).toEqual(before);

    const other = 'other.k8s.local';
    sandbox.write('other.yaml', manifest.replaceAll(NAME, other));
    expect(await ok(['create', '-f', 'other.yaml'])).toContain(`cluster "${other}" created`);
    const others = await storedSecrets(other);
    expect(others.caCert).not.toBe(before.caCert);
    expect(others.token).not.toBe(before.token);
  });
});

describe('listing', () => {
  beforeEach(() => ok(createArgs()));

  it('get secrets, keypairs and sshpublickeys print no private material, in any format', async () => {
    const {caKey, token, certificateKey} = await storedSecrets();
    for (const command of ['secrets', 'keypairs', 'sshpublickeys']) {
      for (const output of ['table', 'yaml', 'json']) {
        const result = await sandbox.run(['get', command, '--name', NAME, '-o', output]);
        const printed = result.stdout + result.stderr;
        expect(result.code, printed).toBe(0);
        expect(printed, `get ${command} -o ${output}`).not.toContain('PRIVATE KEY');
        for (const value of [token, certificateKey, caKey.split('\n')[1]!]) expect(printed).not.toContain(value);
      }
    }
  });

  it('get keypairs shows the certificate serial, subject and expiry', async () => {
    const lines = (await ok(['get', 'keypairs', '--name', NAME])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ID\s+SUBJECT\s+NOT-AFTER$/);
    const ca = lines.find((line) => line.startsWith('kubernetes-ca '));
    const serial = execFileSync('openssl', ['x509', '-noout', '-serial'], {input: (await storedSecrets()).caCert, encoding: 'utf8'});
    const [, id, subject, notAfter] = ca!.split(/\s+/);
    expect(BigInt(`0x${serial.trim().replace(/^serial=/, '')}`).toString()).toBe(id);
    expect(subject).toBe('CN=kubernetes-ca');
    expect(new Date(notAfter!).getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600 * 1000);
  });

  it('--reveal prints private keys and values with -o yaml only', async () => {
    const {caKey, token} = await storedSecrets();
    const revealed = await sandbox.run(['get', 'secrets', '--name', NAME, '-o', 'yaml', '--reveal']);
    expect(revealed.code).toBe(0);
    expect(revealed.stdout).toContain(token);
    expect(revealed.stdout).toContain(caKey.split('\n')[1]);
    expect(revealed.stderr).toContain('Warning: this output holds private keys');
    const keypair = await ok(['get', 'keypairs', 'kubernetes-ca', '--name', NAME, '-o', 'yaml', '--reveal']);
    expect(keypair).toContain('PRIVATE KEY');

    for (const args of [['--reveal'], ['-o', 'json', '--reveal'], ['-o', 'table', '--reveal']]) {
      const refused = await sandbox.run(['get', 'secrets', '--name', NAME, ...args]);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr).toContain('--reveal only works with -o yaml');
      expect(refused.stdout).toBe('');
    }
  });
});

describe('SSH public keys', () => {
  it('the key given at create is listed with the fingerprint ssh-keygen reports, and deleted only with --yes', async () => {
    const key = sshKey('id', 'me@laptop');
    await ok(createArgs(NAME, '--ssh-public-key', key.path));
    const listed = (await ok(['get', 'sshpublickeys', '--name', NAME])).trimEnd().split('\n');
    expect(listed[0]).toMatch(/^ID\s+TYPE\s+FINGERPRINT\s+COMMENT$/);
    const [id, type, fingerprint, comment] = listed[1]!.split(/\s+/);
    expect([type, fingerprint, comment]).toEqual(['ssh-ed25519', key.sha256, 'me@laptop']);
    expect(JSON.parse(await ok(['get', 'sshpublickeys', '--name', NAME, '-o', 'json']))[0].publicKey).toBe(key.line);

    const preview = await ok(['delete', 'secret', 'sshpublickey', id!, '--name', NAME]);
    expect(preview).toContain('Nothing was deleted');
    expect(await ok(['get', 'sshpublickeys', '--name', NAME])).toContain(id);
    expect(await ok(['delete', 'secret', 'sshpublickey', id!, '--name', NAME, '--yes'])).toContain(`Deleted the SSH public key "${id}"`);
    const empty = await sandbox.run(['get', 'sshpublickeys', '--name', NAME]);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('has no SSH public key');
  });

  it('create secret sshpublickey adds one key, is harmless to repeat, and refuses a second different key', async () => {
    await ok(createArgs());
    const first = sshKey('first', 'first@laptop');
    const second = sshKey('second', 'second@laptop');
    expect(await ok(['create', 'secret', 'sshpublickey', '-i', first.path, '--name', NAME])).toContain(`(${first.sha256})`);
    expect(await ok(['create', 'secret', 'sshpublickey', '-i', first.path, '--name', NAME])).toContain('nothing changed');
    const refused = await sandbox.run(['create', 'secret', 'sshpublickey', '-i', second.path, '--name', NAME]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has an admin SSH key');
    const stored = readdirSync(join(sandbox.storeDir, NAME, 'pki', 'ssh', 'public', 'admin'));
    expect(stored).toHaveLength(1);
    expect(readFileSync(join(sandbox.storeDir, NAME, 'pki', 'ssh', 'public', 'admin', stored[0]!), 'utf8').trim()).toBe(first.line);
  });

  it('refuses a private key given as the public one, and deleting what does not exist', async () => {
    await ok(createArgs());
    const key = sshKey('id', 'me@laptop');
    const privateKey = await sandbox.run(['create', 'secret', 'sshpublickey', '-i', key.path.replace(/\.pub$/, ''), '--name', NAME]);
    expect(privateKey.code).toBe(1);
    expect(privateKey.stderr).toContain('private key');
    const missing = await sandbox.run(['delete', 'secret', 'secret', 'no-such-secret', '--name', NAME, '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('secret "no-such-secret" not found');
  });
});

describe('bad flags of the keystore and operate commands', () => {
  const cases: ReadonlyArray<{readonly args: readonly string[]; readonly error: string}> = [
    {args: ['delete', 'secret', 'sshpublickey', 'not-an-id', '--yes'], error: '"not-an-id" is not an SSH public key id'},
    {args: ['delete', 'secret', 'certificate', 'x'], error: 'Expected certificate to be one of: keypair, secret, sshpublickey'},
    {args: ['create', 'secret', 'sshpublickey', '-i', 'missing.pub'], error: 'SSH public key file "missing.pub" does not exist'},
    {args: ['create', 'secret', 'sshpublickey', 'root', '-i', 'missing.pub'], error: 'Expected root to be one of: admin'},
    {args: ['export', 'kubecfg', NAME, '--admin=0s'], error: '--admin needs a lifetime of a minute or more'},
    {args: ['export', 'kubecfg', NAME, '--admin=2days'], error: '"2days" is not a duration'},
    {args: ['export', 'kubecfg', NAME, '--admin', '--user', 'me'], error: '--admin and --user cannot be combined'},
    {args: ['update', 'cluster', NAME, '--admin'], error: '--admin is about the kubeconfig that update cluster --yes exports'},
    {args: ['validate', 'cluster', NAME, '--wait', 'forever'], error: '"forever" is not a duration'},
    {args: ['rolling-update', 'cluster', NAME, '--instance-group-roles', 'wizard'], error: 'unknown role "wizard"'},
    {args: ['rolling-update', 'cluster', NAME, '--fail-on-drain-error=maybe'], error: '"maybe" is not true or false'},
    {args: ['rolling-update', 'cluster', NAME, '--drain-timeout', '15'], error: '"15" is not a duration'},
  ];

  it.for(cases)('kopsx $args.0 $args.1 ...: refused with a message naming the mistake, store untouched', async ({args, error}) => {
    await ok(createArgs());
    const before = sandbox.snapshot();
    const result = await sandbox.run([...args, '--name', NAME]);
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr).toContain(error);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(sandbox.snapshot()).toEqual(before);
  });
});
