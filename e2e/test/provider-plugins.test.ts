/**
 * Providers come from plugins: with the AWS plugin linked kopsx lists it; without it, anything that needs
 * AWS stops before writing, saying which plugin to install.
 */
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, KopsxUser, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';
import {fileStore} from './support/state-stores.js';
import type {TestStore} from './support/state-stores.js';

const NAME = 'plugged.k8s.local';
const INSTALL_HINT = 'cloud "aws" needs the provider plugin @kopsx/plugin-aws — run: kopsx plugins install aws';

let plugins: LinkedPlugins;
let store: TestStore;
let withAws: KopsxUser;
let withoutPlugins: KopsxUser;

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  store = fileStore();
  withAws = new KopsxUser(store.env, {dataDir: plugins.dataDir});
  withoutPlugins = new KopsxUser(store.env);
});
afterAll(async () => {
  withAws?.remove();
  withoutPlugins?.remove();
  plugins?.remove();
  await store?.close();
});

const storeFiles = () => readdirSync(fileURLToPath(store.url), {recursive: true});

describe('with the AWS plugin linked', () => {
  it('get providers lists aws as stable, from @kopsx/plugin-aws', async () => {
    const rows = (await withAws.ok(['get', 'providers'])).trimEnd().split('\n');
    expect(rows[0]).toMatch(/^CLOUD\s+SUPPORT\s+VERSION\s+PACKAGE\s+SCHEMES$/);
    expect(rows).toHaveLength(2);
    const [cloud, support, version, packageName] = rows[1]!.split(/\s+/);
    expect({cloud, support, packageName}).toEqual({cloud: 'aws', support: 'stable', packageName: '@kopsx/plugin-aws'});
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('kopsx plugins shows the link', async () => {
    expect(await withAws.ok(['plugins'])).toMatch(/aws .*\(link\)/);
  });
});

describe('without any plugin', () => {
  it('create cluster --cloud aws fails with the install hint and writes nothing', async () => {
    const result = await withoutPlugins.run(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(INSTALL_HINT);
    expect(result.stdout).toBe('');
    expect(storeFiles()).toEqual([]);
  });

  it('update and delete of a stored AWS cluster fail the same way, leaving the store alone', async () => {
    await withAws.ok(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a']);
    const stored = storeFiles().sort();
    for (const args of [['update', 'cluster', NAME], ['update', 'cluster', NAME, '--yes'], ['delete', 'cluster', NAME, '--yes']]) {
      const result = await withoutPlugins.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(INSTALL_HINT);
    }
    expect(storeFiles().sort()).toEqual(stored);
  });

  it('get providers says none is installed', async () => {
    const result = await withoutPlugins.run(['get', 'providers']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No cloud provider is installed');
  });
});
