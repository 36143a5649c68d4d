/**
 * Providers installed from a registry, as users get them: a private registry (verdaccio on 127.0.0.1) serves the
 * built @kopsx packages and only the @kopsx scope is pointed at it, so the AWS SDK and every other dependency
 * come through the normal npm configuration. `kopsx plugins install aws` installs @kopsx/plugin-aws, which
 * then runs a whole cluster on the AWS simulator; after `plugins uninstall` the cloud is refused again.
 * Short names never fall back to unscoped packages (dependency confusion): decoys named like them are refused.
 */
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim} from '@kopsx/cloudsim';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {clusterResources, IPV4_ACCESS} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, KopsxUser} from './support/kopsx.js';
import {fileStore} from './support/state-stores.js';
import type {TestStore} from './support/state-stores.js';
import {Verdaccio} from './support/verdaccio.js';

const CORE_DIR = fileURLToPath(new URL('../../packages/core', import.meta.url));
const NAME = 'installed.k8s.local';
/** npm fetches the AWS SDK and core's dependencies from the network: allow a slow one. */
const INSTALL_TIMEOUT = 240_000;

interface ListedPlugin {
  name: string;
  type: string;
  version: string;
}

let registry: Verdaccio;
/** One npm cache for the users of this file, outside anyone's real cache. */
let npmCache: string;

beforeAll(async () => {
  registry = await Verdaccio.start();
  npmCache = mkdtempSync(join(tmpdir(), 'kopsx-e2e-npm-cache-'));
});
afterAll(async () => {
  await registry?.close();
  if (npmCache) rmSync(npmCache, {recursive: true, force: true});
});

/** A user whose npm reads `npmrc` (kopsx runs npm in its data dir, where this file goes). */
function userWithNpmrc(npmrc: string, env: NodeJS.ProcessEnv = {}): KopsxUser {
  const user = new KopsxUser({npm_config_cache: npmCache, ...env});
  writeFileSync(join(dataDir(user), '.npmrc'), npmrc);
  return user;
}

const dataDir = (user: KopsxUser): string => user.env.KOPSX_DATA_DIR!;
const installedPackages = (user: KopsxUser): string[] => {
  const modules = join(dataDir(user), 'node_modules');
  return existsSync(modules) ? readdirSync(modules) : [];
};
const dependencies = (user: KopsxUser): string[] => {
  const pjson = join(dataDir(user), 'package.json');
  return existsSync(pjson) ? Object.keys((JSON.parse(readFileSync(pjson, 'utf8')) as {dependencies?: object}).dependencies ?? {}) : [];
};
const userPlugins = async (user: KopsxUser): Promise<ListedPlugin[]> =>
  (JSON.parse(await user.ok(['plugins', '--json'])) as ListedPlugin[]).filter((p) => p.type === 'user');

describe('short names never install unscoped packages (dependency confusion)', () => {
  let user: KopsxUser;
  let marker: string;

  beforeAll(async () => {
    // Decoys look like plugins and announce an install by writing a file; no @kopsx package is published yet.
    for (const name of ['foo', 'aws']) {
      const pjson = {name, version: '9.9.9', main: 'index.js', oclif: {}, scripts: {postinstall: `node -e "require('fs').writeFileSync(process.env.DECOY_MARKER, '${name}')"`}};
      await registry.publish(registry.writePackage({'package.json': JSON.stringify(pjson), 'index.js': 'module.exports = {};\n'}));
    }
    // The whole registry is the private one here, so an unscoped name would resolve to the decoy.
    user = userWithNpmrc(`registry=${registry.url}\n`);
    marker = join(user.dir, 'decoy-installed');
  });
  afterAll(() => user?.remove());

  for (const name of ['foo', 'aws']) {
    it(`plugins install ${name} names @kopsx/plugin-${name}, and installs no package "${name}"`, async () => {
      const result = await user.run(['plugins', 'install', name], {env: {DECOY_MARKER: marker}});
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Error: plugin "${name}" not found: the registry npm uses for @kopsx has no @kopsx/plugin-${name}`);
      expect(result.stderr).toContain(`never as the unscoped package "${name}"`);
      expect(installedPackages(user)).toEqual([]);
      expect(dependencies(user)).toEqual([]);
      expect(existsSync(marker)).toBe(false);
      expect(await userPlugins(user)).toEqual([]);
    });
  }

  it('an unreachable @kopsx registry does not send plugins install aws to the default registry', async () => {
    // Port 9 is closed; npm gives up at once instead of retrying for tens of seconds.
    const offline = userWithNpmrc(`@kopsx:registry=http://127.0.0.1:9/\nregistry=${registry.url}\n`, {npm_config_fetch_retries: '0'});
    try {
      const result = await offline.run(['plugins', 'install', 'aws'], {env: {DECOY_MARKER: marker}});
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('no @kopsx/plugin-aws (or could not be reached)');
      expect(installedPackages(offline)).toEqual([]);
      expect(existsSync(marker)).toBe(false);
    } finally {
      offline.remove();
    }
  });
});

describe('kopsx plugins install aws, then a cluster on the AWS simulator', () => {
  let sim: CloudSim;
  let store: TestStore;
  let user: KopsxUser;
  const storeFiles = () => readdirSync(fileURLToPath(store.url), {recursive: true}).map(String).sort();

  beforeAll(async () => {
    await registry.publish(CORE_DIR);
    await registry.publish(AWS_PLUGIN_DIR);
    sim = await startCloudSim();
    store = fileStore();
    // Only our scope comes from the private registry; the AWS SDK and the rest from the normal configuration.
    user = userWithNpmrc(`@kopsx:registry=${registry.url}\n`, {...sim.env, ...store.env});
  });
  afterAll(async () => {
    user?.remove();
    await store?.close();
    await sim?.close();
  });

  it(
    'installs @kopsx/plugin-aws and nothing unscoped',
    async () => {
      const result = await user.run(['plugins', 'install', 'aws']);
      expect(result.code, result.stderr).toBe(0);
      expect(dependencies(user)).toEqual(['@kopsx/plugin-aws']);
      expect(installedPackages(user)).not.toContain('aws');
      expect(await userPlugins(user)).toEqual([expect.objectContaining({name: '@kopsx/plugin-aws', version: '0.1.0'})]);
      // oclif lists a plugin of our scope by its short name.
      expect(await user.ok(['plugins'])).toMatch(/^aws 0\.1\.0$/m);
    },
    INSTALL_TIMEOUT,
  );

  it('get providers shows aws from the installed package', async () => {
    expect(await user.ok(['get', 'providers'])).toMatch(/^aws\s+stable\s+0\.1\.0\s+@kopsx\/plugin-aws\s+-$/m);
  });

  it('plugins update installs a newer published version', async () => {
    await registry.publish(AWS_PLUGIN_DIR, {version: '0.1.1'});
    await user.ok(['plugins', 'update']);
    expect(await userPlugins(user)).toEqual([expect.objectContaining({name: '@kopsx/plugin-aws', version: '0.1.1'})]);
    expect(await user.ok(['get', 'providers'])).toMatch(/^aws\s+stable\s+0\.1\.1\s+@kopsx\/plugin-aws/m);
  }, INSTALL_TIMEOUT);

  it('create, update --yes, converge, delete: the installed provider drives the whole lifecycle', async () => {
    await user.ok(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a', ...IPV4_ACCESS]);
    const applied = await user.run(['update', 'cluster', NAME, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Cluster changes have been applied to the cloud: \d+ created/);
    const kinds = new Set(clusterResources(sim, NAME).map((r) => r.kind));
    for (const kind of ['ec2:vpc', 'ec2:subnet', 'ec2:launch-template', 'ec2:instance']) expect(kinds).toContain(kind);

    expect(await user.ok(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');

    expect(await user.ok(['delete', 'cluster', NAME, '--yes'])).toMatch(new RegExp(`^Deleted cluster "${NAME}"`, 'm'));
    // Terminated instances take a moment to leave the simulator's listing, as on AWS.
    await vi.waitFor(() => expect(clusterResources(sim, NAME)).toEqual([]), {timeout: 15_000, interval: 250});
    expect((await user.run(['get', 'clusters'])).stderr).toContain('No clusters found');
  });

  it('after plugins uninstall, an AWS cluster is refused with the install command and nothing is written', async () => {
    await user.ok(['plugins', 'uninstall', '@kopsx/plugin-aws']);
    expect(await userPlugins(user)).toEqual([]);
    expect(existsSync(join(dataDir(user), 'node_modules', '@kopsx', 'plugin-aws'))).toBe(false);

    const before = storeFiles();
    const result = await user.run(['create', 'cluster', 'after.k8s.local', '--cloud', 'aws', '--zones', 'us-east-1a', ...IPV4_ACCESS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cloud "aws" needs the provider plugin @kopsx/plugin-aws — run: kopsx plugins install aws');
    expect(result.stdout).toBe('');
    expect(storeFiles()).toEqual(before);
  });
});
