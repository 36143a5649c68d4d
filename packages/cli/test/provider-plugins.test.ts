/**
 * How kopsx finds cloud providers: only in linked or installed oclif plugins, loaded when a command needs
 * one. The fixture plugins (test/fixtures/plugins) are a beta and an alpha provider that reach no cloud,
 * and one built for a provider API this kopsx does not speak.
 */
import {appendFileSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {load} from 'js-yaml';
import {parseManifests} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, PluginDir, Sandbox} from './support/sandbox.js';

const fixturePlugin = (name: string): string => fileURLToPath(new URL(`fixtures/plugins/${name}`, import.meta.url));
const BETA_NOTICE = 'Notice: betacloud support is in beta';

let plugins: PluginDir;
let sandbox: Sandbox;
beforeAll(async () => {
  plugins = await PluginDir.link(AWS_PLUGIN_DIR, fixturePlugin('betacloud'), fixturePlugin('alphacloud'));
  sandbox = new Sandbox({pluginDir: plugins});
});
afterAll(() => {
  sandbox?.remove();
  plugins?.remove();
});

async function ok(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{stdout: string; stderr: string}> {
  const result = await sandbox.run(args, {env});
  expect(result.code, `kopsx ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

describe('get providers', () => {
  it('lists every linked provider with its support level, package, version and schemes', async () => {
    const {stdout} = await ok(['get', 'providers']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLOUD\s+SUPPORT\s+VERSION\s+PACKAGE\s+SCHEMES$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/))).toEqual([
      ['alphacloud', 'alpha', '0.0.1', '@acme/kopsx-plugin-alphacloud', '-'],
      ['aws', 'stable', expect.stringMatching(/^\d+\.\d+\.\d+/), '@kopsx/plugin-aws', '-'],
      ['betacloud', 'beta', '0.3.0', '@acme/kopsx-plugin-betacloud', 'betablob'],
    ]);
  });

  it('`providers` is an alias, and -o json / -o yaml give the same rows', async () => {
    const json = JSON.parse((await ok(['providers', '-o', 'json'])).stdout) as Array<Record<string, unknown>>;
    expect(json.map((p) => p.cloud)).toEqual(['alphacloud', 'aws', 'betacloud']);
    expect(json[2]).toEqual({
      cloud: 'betacloud',
      supportLevel: 'beta',
      packageName: '@acme/kopsx-plugin-betacloud',
      version: '0.3.0',
      stateStoreSchemes: ['betablob'],
    });
    expect(load((await ok(['get', 'providers', '-o', 'yaml'])).stdout)).toEqual(json);
  });

  it('without plugins says how to install one', async () => {
    const bare = new Sandbox();
    try {
      const table = await bare.run(['get', 'providers']);
      expect(table.code).toBe(0);
      expect(table.stdout).toBe('');
      expect(table.stderr).toContain('No cloud provider is installed. Install one with: kopsx plugins install aws');
      expect(JSON.parse((await bare.run(['get', 'providers', '-o', 'json'])).stdout)).toEqual([]);
    } finally {
      bare.remove();
    }
  });
});

describe('support levels', () => {
  it('a beta provider is used after a one-line notice, with its own defaults', async () => {
    const {stdout, stderr} = await ok(['create', 'cluster', 'b.k8s.local', '--cloud', 'betacloud', '--zones', 'beta-1a', '--dry-run', '-o', 'yaml']);
    expect(stderr.split(BETA_NOTICE)).toHaveLength(2);
    expect(stderr).toContain('(@acme/kopsx-plugin-betacloud 0.3.0)');
    const groups = parseManifests(stdout).instanceGroups;
    expect(groups.map((ig) => [ig.spec.role, ig.spec.machineType, ig.spec.image])).toEqual([
      ['ControlPlane', 'beta.large', 'beta-os-1'],
      ['Node', 'beta.medium', 'beta-os-1'],
    ]);
  });

  it("the provider's zone checks replace the generic ones", async () => {
    const result = await sandbox.run(['create', 'cluster', 'b.k8s.local', '--cloud', 'betacloud', '--zones', 'us-east-1a', '--dry-run']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"us-east-1a" is not a betacloud zone');
  });

  it('an alpha provider is refused until KOPS_FEATURE_FLAGS enables it', async () => {
    const args = ['create', 'cluster', 'a.k8s.local', '--cloud', 'alphacloud', '--zones', 'z1'];
    const refused = await sandbox.run(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('alphacloud support is in alpha and needs the feature flag AlphaAllowAlphacloud');
    expect(refused.stderr).toContain('set KOPS_FEATURE_FLAGS=AlphaAllowAlphacloud');
    expect((await ok(['get', 'clusters', '-o', 'json'])).stdout.trim()).toBe('[]');

    const created = await ok(args, {KOPS_FEATURE_FLAGS: 'SomethingElse,+AlphaAllowAlphacloud'});
    expect(created.stdout).toContain('Created cluster "a.k8s.local"');
    const off = await sandbox.run(['create', 'cluster', 'b.k8s.local', '--cloud', 'alphacloud', '--zones', 'z1'], {
      env: {KOPS_FEATURE_FLAGS: 'AlphaAllowAlphacloud,-AlphaAllowAlphacloud'},
    });
    expect(off.code).toBe(1);
  });
});

describe('state-store schemes from plugins', () => {
  it("a provider's scheme opens a store: the plugin is loaded for it", async () => {
    const dir = join(sandbox.dir, 'betablob-store');
    mkdirSync(dir);
    const state = `betablob://${dir}`;
    await ok(['create', 'cluster', 'b.k8s.local', '--cloud', 'betacloud', '--zones', 'beta-1a', '--state', state]);
    expect(readFileSync(join(dir, 'b.k8s.local', 'config'), 'utf8')).toContain('cloudProvider: betacloud');
    expect((await ok(['get', 'clusters', '--state', state])).stdout).toMatch(/^b\.k8s\.local\s+betacloud\s+beta-1a$/m);
  });
});

describe('loading', () => {
  const hooks = fileURLToPath(new URL('fixtures/log-imports.mjs', import.meta.url));
  const importsOf = async (name: string, args: string[]): Promise<string> => {
    const log = join(sandbox.dir, `imports-${name}.log`);
    appendFileSync(log, '');
    await sandbox.run(args, {env: {NODE_OPTIONS: `--import ${hooks}`, IMPORT_LOG: log}});
    return readFileSync(log, 'utf8');
  };
  const fromPlugins = new RegExp([AWS_PLUGIN_DIR, fixturePlugin('betacloud')].map((dir) => pathToFileURL(dir).href).join('|'));

  it('commands that need no cloud import no provider and no cloud SDK', async () => {
    for (const args of [['version'], ['get', 'clusters'], ['plugins']]) {
      const imports = await importsOf(args.join('-'), args);
      expect(imports, args.join(' ')).not.toMatch(fromPlugins);
      expect(imports, args.join(' ')).not.toMatch(/@aws-sdk/);
    }
  });

  it('commands that need a provider load the plugins', async () => {
    expect(await importsOf('providers', ['get', 'providers'])).toMatch(fromPlugins);
  });

  it('a provider built for another provider API is refused with its package named', async () => {
    const old = await PluginDir.link(fixturePlugin('oldcloud'));
    const user = new Sandbox({pluginDir: old});
    try {
      const result = await user.run(['get', 'providers']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('provider @acme/kopsx-plugin-oldcloud 0.0.9 was built for provider API 999');
      expect((await user.run(['version'])).code).toBe(0);
    } finally {
      user.remove();
      old.remove();
    }
  });
});
