/**
 * `kopsx provider init` end to end: the generated package builds, its own conformance test passes, and once
 * linked kopsx creates, builds and deletes a cluster on the made-up cloud's simulator with it. Its
 * dependencies are linked from this repository's node_modules (our packages as built here, TypeScript and
 * vitest as installed), so nothing is fetched from a registry.
 */
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {KopsxUser, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';
import {fileStore} from './support/state-stores.js';
import type {TestStore} from './support/state-stores.js';

const run = promisify(execFile);
const REPO_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const CLOUD = 'zcloud';
const NAME = 'scaffolded.k8s.local';
const ALPHA = {KOPS_FEATURE_FLAGS: 'AlphaAllowZcloud'};

/** What the e2e needs of the scaffold's test/simulator.ts. */
interface ScaffoldSimulator {
  readonly endpoint: string;
  resources(): {readonly kind: string; readonly labels: Record<string, string>}[];
  close(): Promise<void>;
}

let work: string;
let pluginDir: string;
let initOutput: string;
let plugins: LinkedPlugins;
let store: TestStore;
let user: KopsxUser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kopsx-e2e-scaffold-'));
  pluginDir = join(work, 'zcloud-provider');
  const author = new KopsxUser({});
  try {
    initOutput = await author.ok(['provider', 'init', CLOUD, '--dir', pluginDir]);
  } finally {
    author.remove();
  }
  linkDependencies(pluginDir);
  await run(process.execPath, [join(pluginDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {cwd: pluginDir});
  plugins = await linkPlugins(pluginDir);
  store = fileStore();
  user = new KopsxUser(store.env, {dataDir: plugins.dataDir});
}, 90_000);

afterAll(async () => {
  user?.remove();
  plugins?.remove();
  await store?.close();
  if (work) rmSync(work, {recursive: true, force: true});
});

/**
 * Gives the package the dependencies its package.json names, as links to this repository's installed
 * packages, and their commands in node_modules/.bin. Only what it declares is reachable: an undeclared
 * import fails here as it would after `npm install`.
 */
function linkDependencies(dir: string): void {
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = Object.keys({...pjson.dependencies, ...pjson.devDependencies});
  mkdirSync(join(dir, 'node_modules/.bin'), {recursive: true});
  for (const name of names) {
    const source = join(REPO_MODULES, name);
    const target = join(dir, 'node_modules', name);
    mkdirSync(dirname(target), {recursive: true});
    symlinkSync(source, target);
    const bin = (JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {bin?: string | Record<string, string>}).bin ?? {};
    for (const [command, file] of Object.entries(typeof bin === 'string' ? {[name]: bin} : bin)) {
      symlinkSync(relative(join(dir, 'node_modules/.bin'), join(target, file)), join(dir, 'node_modules/.bin', command));
    }
  }
}

describe('kopsx provider init', () => {
  it('writes the package and says what to do next', () => {
    expect(initOutput).toContain(`Created the provider package kopsx-plugin-zcloud for the cloud "zcloud" in ${pluginDir}:`);
    expect(initOutput).toContain('  test/conformance.test.ts');
    expect(initOutput).toContain('npm test');
    expect(readdirSync(join(pluginDir, 'dist'))).toContain('index.js');
  });

  it('refuses to write into the same folder again', async () => {
    const result = await user.run(['provider', 'init', CLOUD, '--dir', pluginDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${pluginDir} already exists and is not empty`);
  });

  it("passes the scaffold's own conformance test", async () => {
    const {stdout} = await run('npx', ['--no', '--', 'vitest', 'run'], {cwd: pluginDir, env: {PATH: process.env.PATH, HOME: user.env.HOME}});
    expect(stdout).toContain('zcloud provider conformance: 9 passed, 0 failed, 1 skipped');
    expect(stdout).toMatch(/change machine type → instances need update\s+SKIP\s+the provider has no instanceGroups/);
  }, 60_000);
});

describe('the scaffolded provider, linked', () => {
  it('is listed as an alpha provider from its package', async () => {
    const rows = (await user.ok(['get', 'providers'])).trimEnd().split('\n');
    expect(rows.slice(1).map((row) => row.split(/\s+/).slice(0, 4))).toEqual([['zcloud', 'alpha', '0.1.0', 'kopsx-plugin-zcloud']]);
  });

  it('creates a cluster with --cloud zcloud once the alpha flag is set', async () => {
    const refused = await user.run(['create', 'cluster', NAME, '--cloud', CLOUD, '--zones', 'north-1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('set KOPS_FEATURE_FLAGS=AlphaAllowZcloud');

    const badZone = await user.run(['create', 'cluster', NAME, '--cloud', CLOUD, '--zones', 'west-9'], {env: ALPHA});
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toContain('"west-9" is not a Zcloud zone');

    const created = await user.ok(['create', 'cluster', NAME, '--cloud', CLOUD, '--zones', 'north-1,north-2'], {env: ALPHA});
    expect(created).toContain(`Cluster ${NAME} on zcloud, zones north-1, north-2`);
    const groups = await user.ok(['get', 'instancegroups', '--name', NAME, '-o', 'yaml']);
    expect(groups).toContain('machineType: cx-medium');
    expect(groups).toContain('machineType: cx-small');
  });

  it('builds the cluster on the simulator with update --yes, and delete removes it', async () => {
    const simulator = (await import(pathToFileURL(join(pluginDir, 'test/simulator.ts')).href)) as {startSimulator(): Promise<ScaffoldSimulator>};
    const sim = await simulator.startSimulator();
    try {
      const cloud = {...ALPHA, ZCLOUD_API_URL: sim.endpoint, ZCLOUD_TOKEN: 'e2e-token'};
      const owned = () => sim.resources().filter((r) => r.labels['kopsx.k8s.io/cluster'] === NAME).map((r) => r.kind).sort();
      await user.ok(['update', 'cluster', NAME, '--yes'], {env: cloud});
      expect(owned()).toEqual(['network', 'server', 'server', 'server']);
      const again = JSON.parse(await user.ok(['update', 'cluster', NAME, '-o', 'json'], {env: cloud})) as {changes: unknown[]};
      expect(again.changes).toEqual([]);
      await user.ok(['delete', 'cluster', NAME, '--yes'], {env: cloud});
      expect(owned()).toEqual([]);
      expect(existsSync(join(fileURLToPath(store.url), NAME))).toBe(false);
    } finally {
      await sim.close();
    }
  });
});
