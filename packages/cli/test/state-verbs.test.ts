import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {parseManifests} from '@kopsx/core';
import type {Cluster, InstanceGroup} from '@kopsx/core';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, PluginDir, Sandbox} from './support/sandbox.js';

const NAME = 'demo.k8s.local';
const ZONES = 'us-east-1a,us-east-1b,us-east-1c';
const createArgs = (name = NAME, ...extra: string[]): string[] =>
  ['create', 'cluster', '--name', name, '--cloud', 'aws', '--zones', ZONES, ...extra];

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

async function ok(args: readonly string[], options: {input?: string; env?: NodeJS.ProcessEnv} = {}): Promise<string> {
  const result = await sandbox.run(args, options);
  expect(result.code, `kopsx ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

function storedKeys(): string[] {
  const keys: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else keys.push(`${prefix}${entry.name}`);
    }
  };
  walk(sandbox.storeDir, '');
  return keys.sort();
}

describe('create cluster', () => {
  it('--dry-run -o yaml prints a complete manifest and writes nothing', async () => {
    const yaml = await ok([...createArgs(NAME, '--control-plane-count', '3'), '--dry-run', '-o', 'yaml']);
    const {clusters, instanceGroups} = parseManifests(yaml, 'dry-run output');
    expect(clusters.map((c) => c.metadata.name)).toEqual([NAME]);
    const roles = instanceGroups.map((ig) => ig.spec.role);
    expect(roles.filter((r) => r === 'ControlPlane')).toHaveLength(3);
    expect(roles.filter((r) => r === 'Node').length).toBeGreaterThan(0);
    expect(clusters[0]?.spec.configBase).toBe(`${sandbox.storeUrl}/${NAME}`);
    expect(storedKeys()).toEqual([]);
  });

  it('--dry-run -o json prints the same documents as JSON', async () => {
    const docs = JSON.parse(await ok([...createArgs(), '--dry-run', '-o', 'json'])) as Array<Cluster | InstanceGroup>;
    expect(docs[0]?.kind).toBe('Cluster');
    expect(docs.slice(1).every((d) => d.kind === 'InstanceGroup')).toBe(true);
  });

  it('stores the cluster in kOps layout and tells the next step', async () => {
    const out = await ok(createArgs());
    expect(out).toContain(`Created cluster "${NAME}" in ${sandbox.storeUrl}`);
    expect(out).toContain(`kopsx update cluster ${NAME} --yes`);
    const keys = storedKeys();
    expect(keys).toContain(`${NAME}/config`);
    expect(keys).toContain(`${NAME}/cluster-completed.spec`);
    expect(keys).toContain(`${NAME}/instancegroup/nodes-us-east-1a`);
    expect(keys).not.toContain(`${NAME}/.lock`);
  });

  it('takes the machine types and image the flags leave open from the cloud provider', async () => {
    const yaml = await ok([...createArgs(NAME, '--topology', 'private', '--bastion', '--node-size', 'm7i.large'), '--dry-run', '-o', 'yaml']);
    const groups = parseManifests(yaml).instanceGroups;
    const byRole = (role: string) => groups.filter((ig) => ig.spec.role === role);
    for (const ig of groups) {
      expect(ig.spec.machineType, ig.metadata.name).toMatch(/\S/);
      expect(ig.spec.image, ig.metadata.name).toMatch(/\S/);
    }
    expect(new Set(groups.map((ig) => ig.spec.image)).size).toBe(1);
    expect(byRole('Node').map((ig) => ig.spec.machineType)).toEqual(['m7i.large', 'm7i.large', 'm7i.large']);
    expect(byRole('Bastion')).toHaveLength(1);
  });

  it('refuses a cloud whose provider plugin is not installed, writing nothing', async () => {
    const result = await sandbox.run(['create', 'cluster', 'g.k8s.local', '--cloud', 'gce', '--zones', 'europe-west1-b']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cloud "gce" needs the provider plugin @kopsx/plugin-gce — run: kopsx plugins install gce');
    expect(storedKeys()).toEqual([]);
  });

  it('accepts the kOps --master-* aliases and a positional name', async () => {
    await ok(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', ZONES, '--master-count', '3', '--master-zones', ZONES]);
    const table = await ok(['get', 'ig', '--name', NAME]);
    expect(table.match(/ControlPlane/g)).toHaveLength(3);
  });

  it('stores the SSH public key under its MD5 fingerprint', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'me@laptop', '-f', join(sandbox.dir, 'id')]);
    const key = readFileSync(join(sandbox.dir, 'id.pub'), 'utf8').trim();
    await ok([...createArgs(), '--ssh-public-key', 'id.pub']);
    const dir = join(sandbox.storeDir, NAME, 'pki', 'ssh', 'public', 'admin');
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^[0-9a-f]{32}$/);
    expect(readFileSync(join(dir, file!), 'utf8').trim()).toBe(key);
  });

  it('without a state store configured, says once which local store it uses', async () => {
    const result = await sandbox.run(createArgs(), {env: {KOPS_STATE_STORE: undefined}});
    expect(result.code).toBe(0);
    const notice = `Using the local state store file://${sandbox.defaultStateDir} (set KOPS_STATE_STORE or --state to share it)`;
    expect(result.stderr.split(notice)).toHaveLength(2);
    expect(existsSync(join(sandbox.defaultStateDir, NAME, 'config'))).toBe(true);
  });
});

describe('get', () => {
  beforeEach(() => ok(createArgs()));

  it('get clusters prints a kubectl-style table', async () => {
    await ok(createArgs('other.k8s.local'));
    const lines = (await ok(['get', 'clusters'])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+CLOUD\s+ZONES$/);
    expect(lines[1]).toMatch(/^demo\.k8s\.local\s+aws\s+us-east-1a,us-east-1b,us-east-1c$/);
    expect(lines[2]).toMatch(/^other\.k8s\.local\s+aws\s+us-east-1a,us-east-1b,us-east-1c$/);
    // the columns line up: CLOUD starts at the same offset on every line
    const offsets = lines.map((l) => l.search(/(CLOUD|aws)/));
    expect(new Set(offsets).size).toBe(1);
  });

  it('get instancegroups (and its aliases) list every group with role, sizes and zones', async () => {
    const table = await ok(['get', 'instancegroups', '--name', NAME]);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+ROLE\s+MACHINETYPE\s+MIN\s+MAX\s+ZONES$/);
    expect(table).toMatch(/nodes-us-east-1b\s+Node\s+\S+\s+\d+\s+\d+\s+us-east-1b/);
    expect(await ok(['get', 'ig', '--name', NAME])).toBe(table);
    expect(await ok(['get', 'instancegroup'], {env: {KOPS_CLUSTER_NAME: NAME}})).toBe(table);
  });

  it('get cluster NAME -o yaml gives a manifest that replace -f accepts', async () => {
    const yaml = await ok(['get', 'cluster', NAME, '-o', 'yaml']);
    expect(parseManifests(yaml).clusters[0]?.metadata.name).toBe(NAME);
    sandbox.write('cluster.yaml', yaml.replace(/kubernetesVersion: .*/, 'kubernetesVersion: 1.32.4'));
    expect(await ok(['replace', '-f', 'cluster.yaml'])).toContain(`cluster "${NAME}" replaced`);
    expect(await ok(['get', 'cluster', NAME, '-o', 'json'])).toContain('"kubernetesVersion": "1.32.4"');
  });

  it('get all shows both tables, and -o yaml round-trips through replace -f', async () => {
    const tables = await ok(['get', 'all', '--name', NAME]);
    expect(tables).toMatch(/^Cluster\nNAME\s+CLOUD\s+ZONES\n/);
    expect(tables).toMatch(/Instance groups\nNAME\s+ROLE/);
    const yaml = await ok(['get', 'all', '--name', NAME, '-o', 'yaml']);
    sandbox.write('all.yaml', yaml.replace(/maxSize: 1\n/, 'maxSize: 4\n'));
    const replaced = await ok(['replace', '-f', 'all.yaml']);
    expect(replaced).toContain(`cluster "${NAME}" replaced`);
    expect(await ok(['get', 'all', '--name', NAME, '-o', 'yaml'])).toBe(readFileSync(join(sandbox.dir, 'all.yaml'), 'utf8'));
  });

  it('get clusters on an empty store says so on stderr', async () => {
    const result = await sandbox.run(['get', 'clusters', '--state', `${sandbox.storeUrl}-empty`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No clusters found in');
  });
});

describe('create -f / replace -f / delete', () => {
  it('create -f stores what a dry run printed', async () => {
    sandbox.write('demo.yaml', await ok([...createArgs(), '--dry-run', '-o', 'yaml']));
    const out = await ok(['create', '-f', 'demo.yaml']);
    expect(out).toContain(`cluster "${NAME}" created`);
    expect(out).toContain('instancegroup "nodes-us-east-1a" created');
    expect(await ok(['get', 'clusters'])).toContain(NAME);
  });

  it('create -f - adds an instance group read from stdin to a stored cluster', async () => {
    await ok(createArgs());
    const node = (await ok(['get', 'ig', 'nodes-us-east-1a', '--name', NAME, '-o', 'yaml'])).replace(/name: nodes-us-east-1a/, 'name: gpu');
    expect(await ok(['create', '-f', '-', '--name', NAME], {input: node})).toContain('instancegroup "gpu" created');
    expect(await ok(['get', 'ig', '--name', NAME])).toMatch(/^gpu\s+Node/m);
  });

  it('replace --force creates a cluster that is not stored yet', async () => {
    sandbox.write('demo.yaml', await ok([...createArgs(), '--dry-run', '-o', 'yaml']));
    expect(await ok(['replace', '-f', 'demo.yaml', '--force'])).toContain(`cluster "${NAME}" created`);
  });

  it('delete cluster --unregister previews without --yes, then removes only the state', async () => {
    await ok(createArgs());
    const before = sandbox.snapshot();
    const preview = await ok(['delete', 'cluster', NAME, '--unregister']);
    expect(preview).toContain(`Cluster "${NAME}" would be removed from the state store`);
    expect(preview).toContain('cloud resources (instances, networks, load balancers) are left as they are');
    expect(sandbox.snapshot()).toEqual(before);

    const done = await ok(['delete', 'cluster', NAME, '--unregister', '--yes']);
    expect(done).toContain(`Cluster "${NAME}" removed from the state store`);
    expect(storedKeys()).toEqual([]);
  });

  it('delete cluster without the provider plugin fails, pointing at --unregister', async () => {
    await ok(createArgs());
    const unplugged = new Sandbox();
    try {
      unplugged.copyStoreFrom(sandbox.storeDir);
      const before = unplugged.snapshot();
      for (const args of [['delete', 'cluster', NAME], ['delete', 'cluster', NAME, '--yes']]) {
        const result = await unplugged.run(args);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('cloud "aws" needs the provider plugin @kopsx/plugin-aws — run: kopsx plugins install aws');
        expect(result.stderr).toContain(`kopsx delete cluster ${NAME} --unregister --yes`);
      }
      expect(unplugged.snapshot()).toEqual(before);
      expect((await unplugged.run(['delete', 'cluster', NAME, '--unregister', '--yes'])).code).toBe(0);
    } finally {
      unplugged.remove();
    }
  });

  it('delete ig removes one group only with --yes, saying the next update removes its instances', async () => {
    await ok(createArgs());
    expect(await ok(['delete', 'ig', 'nodes-us-east-1c', '--name', NAME])).toContain('would be deleted');
    expect(storedKeys()).toContain(`${NAME}/instancegroup/nodes-us-east-1c`);
    const done = await ok(['delete', 'ig', 'nodes-us-east-1c', '--name', NAME, '--yes']);
    expect(done).toContain(`keep running until \`kopsx update cluster ${NAME} --yes\` removes them`);
    expect(storedKeys()).not.toContain(`${NAME}/instancegroup/nodes-us-east-1c`);
    expect(storedKeys()).toContain(`${NAME}/instancegroup/nodes-us-east-1b`);
  });

  it('delete -f --unregister removes the clusters a manifest names from the state store', async () => {
    sandbox.write('demo.yaml', await ok([...createArgs(), '--dry-run', '-o', 'yaml']));
    await ok(['create', '-f', 'demo.yaml']);
    expect(await ok(['delete', '-f', 'demo.yaml', '--unregister', '--yes'])).toContain(`Cluster "${NAME}" removed`);
    expect(storedKeys()).toEqual([]);
  });

  it('create -f refuses a cluster whose provider plugin is missing before writing anything', async () => {
    const yaml = (await ok([...createArgs(), '--dry-run', '-o', 'yaml'])).replace('cloudProvider: aws', 'cloudProvider: gce');
    expect(yaml).toContain('cloudProvider: gce');
    sandbox.write('gce.yaml', yaml);
    const result = await sandbox.run(['create', '-f', 'gce.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cloud "gce" needs the provider plugin @kopsx/plugin-gce');
    expect(storedKeys()).toEqual([]);
  });
});

describe('the cluster lock', () => {
  const lockFile = (): string => join(sandbox.storeDir, NAME, '.lock');
  const staleLock = {holder: 'ci@build-7 pid 4242', command: 'kopsx update cluster --yes', acquiredAt: '2026-11-01T10:00:00.000Z'};

  it('a held lock blocks changes and names its holder; --force-unlock removes it', async () => {
    await ok(createArgs());
    writeFileSync(lockFile(), JSON.stringify(staleLock));
    sandbox.write('cluster.yaml', await ok(['get', 'cluster', NAME, '-o', 'yaml']));

    const blocked = await sandbox.run(['replace', '-f', 'cluster.yaml']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('ci@build-7 pid 4242');
    expect(blocked.stderr).toContain('kopsx update cluster --yes');
    expect(blocked.stderr).toContain('hint:');

    const forced = await sandbox.run(['replace', '-f', 'cluster.yaml', '--force-unlock']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('Removed the lock of ci@build-7 pid 4242 running "kopsx update cluster --yes"');
    expect(existsSync(lockFile())).toBe(false);
  });

  it('reading does not need the lock', async () => {
    await ok(createArgs());
    writeFileSync(lockFile(), JSON.stringify(staleLock));
    expect(await ok(['get', 'clusters'])).toContain(NAME);
  });
});

describe('errors', () => {
  it('--verbose adds the stack trace to the one-line error', async () => {
    const quiet = await sandbox.run(['get', 'cluster', 'ghost.k8s.local']);
    const loud = await sandbox.run(['get', 'cluster', 'ghost.k8s.local', '--verbose']);
    expect(quiet.stderr).toMatch(/^Error: cluster "ghost.k8s.local" not found in .*\n {2}hint: .+\n$/);
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/^\s+at .+/m);
  });
});
