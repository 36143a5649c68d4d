import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {IncompatibleProviderError, InvalidProviderError, openStateStore, ProviderConflictError} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {loadProviders} from './load-providers.js';
import type {PluginDescription} from './load-providers.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/plugins', import.meta.url));

/** A fixture plugin folder described as oclif describes a loaded plugin. */
function plugin(folder: string, pjsonChanges: Record<string, unknown> = {}): PluginDescription {
  const root = join(fixtures, folder);
  const pjson = {...(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>), ...pjsonChanges};
  return {name: String(pjson.name), version: String(pjson.version), root, pjson};
}

const cliItself: PluginDescription = {name: 'kopsx', version: '0.1.0', root: fixtures, pjson: {name: 'kopsx', oclif: {}}};

describe('loadProviders', () => {
  it('registers the provider of every plugin that declares one, and skips the others', async () => {
    const registry = await loadProviders([cliItself, plugin('betacloud'), plugin('alphacloud')]);
    expect(registry.list().map(({cloud, supportLevel, packageName, version}) => ({cloud, supportLevel, packageName, version}))).toEqual([
      {cloud: 'alphacloud', supportLevel: 'alpha', packageName: '@acme/kopsx-plugin-alphacloud', version: '0.0.1'},
      {cloud: 'betacloud', supportLevel: 'beta', packageName: '@acme/kopsx-plugin-betacloud', version: '0.3.0'},
    ]);
  });

  it("makes the providers' state-store schemes openable", async () => {
    await loadProviders([plugin('betacloud')]);
    const store = await openStateStore(`betablob://${join(fixtures, 'betacloud')}`, {});
    expect(String(await store.read('package.json'))).toContain('@acme/kopsx-plugin-betacloud');
  });

  it('refuses a kopsx section without a provider path, naming the package', async () => {
    const broken = plugin('betacloud', {kopsx: {provider: 42}});
    await expect(loadProviders([broken])).rejects.toThrow(InvalidProviderError);
    await expect(loadProviders([broken])).rejects.toThrow('plugin @acme/kopsx-plugin-betacloud 0.3.0 has no usable provider');
  });

  it('refuses a provider built for another provider API', async () => {
    await expect(loadProviders([plugin('oldcloud')])).rejects.toThrow(IncompatibleProviderError);
  });

  it('refuses two plugins providing the same cloud', async () => {
    const copy = {...plugin('betacloud'), name: '@other/kopsx-plugin-betacloud'};
    await expect(loadProviders([plugin('betacloud'), copy])).rejects.toThrow(ProviderConflictError);
  });
});
