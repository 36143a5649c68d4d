import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {openStateStore} from '../state/index.js';
import type {StateStore, StateStoreFactory} from '../state/index.js';
import {PROVIDER_API_VERSION} from './provider.js';
import type {CloudProvider, SupportLevel} from './provider.js';
import {ProviderRegistry} from './provider-registry.js';
import {
  AlphaProviderDisabledError,
  IncompatibleProviderError,
  MissingProviderError,
  ProviderConflictError,
} from './provider-registry-errors.js';

/** Just enough of a provider for the registry, which never calls into it. */
function tinyProvider(cloud: string, overrides: Partial<CloudProvider> = {}): CloudProvider {
  return {
    apiVersion: PROVIDER_API_VERSION,
    cloud,
    supportLevel: 'stable',
    defaults: {controlPlaneMachineType: 'm', nodeMachineType: 'n', bastionMachineType: 'b', image: 'i'},
    validateZones: () => [],
    buildModel: () => ({resources: []}),
    connect: () => Promise.reject(new Error('not used')),
    renderTerraform: () => ({block: 'resource', type: 't', name: 'n', body: {}}),
    ...overrides,
  };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an Error to be thrown');
}

function registryWith(cloud: string, supportLevel: SupportLevel): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.register(tinyProvider(cloud, {supportLevel}), {packageName: `@kopsx/plugin-${cloud}`, version: '0.3.0'});
  return registry;
}

describe('ProviderRegistry', () => {
  it('refuses a provider built for another provider API, naming package, versions and the way out', () => {
    const registry = new ProviderRegistry();
    const source = {packageName: '@kopsx/plugin-x', version: '1.2.0'};
    const register = () => registry.register(tinyProvider('x', {apiVersion: PROVIDER_API_VERSION + 1}), source);
    expect(register).toThrow(IncompatibleProviderError);
    expect(thrown(register).message).toBe(
      `provider @kopsx/plugin-x 1.2.0 was built for provider API ${PROVIDER_API_VERSION + 1}, ` +
        `this kopsx speaks ${PROVIDER_API_VERSION} — install a matching version`,
    );
    expect(registry.get('x')).toBeUndefined();
    expect(registry.list()).toEqual([]);
  });

  it('says which plugin to install for a missing cloud', () => {
    const registry = registryWith('aws', 'stable');
    expect(() => registry.require('gce')).toThrow(MissingProviderError);
    expect(thrown(() => registry.require('gce')).message).toBe(
      'cloud "gce" needs the provider plugin @kopsx/plugin-gce — run: kopsx plugins install gce',
    );
  });

  it('refuses an alpha provider unless KOPS_FEATURE_FLAGS enables AlphaAllow<Cloud>', () => {
    const registry = registryWith('azure', 'alpha');
    for (const featureFlags of [undefined, '', 'AlphaAllowGce', 'alphaallowazure', 'AlphaAllowAzure,-AlphaAllowAzure']) {
      expect(() => registry.require('azure', {featureFlags}), String(featureFlags)).toThrow(AlphaProviderDisabledError);
    }
    expect(() => registry.require('azure')).toThrow('set KOPS_FEATURE_FLAGS=AlphaAllowAzure');
    for (const featureFlags of ['AlphaAllowAzure', 'Foo, +AlphaAllowAzure', '-AlphaAllowAzure,AlphaAllowAzure']) {
      const resolved = registry.require('azure', {featureFlags});
      expect(resolved.provider.cloud).toBe('azure');
      expect(resolved.notice).toBeUndefined();
    }
  });

  it('returns a notice for a beta provider and none for a stable one', () => {
    expect(registryWith('gce', 'beta').require('gce').notice).toMatch(/^gce support is in beta: .*@kopsx\/plugin-gce 0\.3\.0/);
    expect(registryWith('aws', 'stable').require('aws')).not.toHaveProperty('notice');
  });

  it('refuses a second provider for the same cloud', () => {
    const registry = registryWith('aws', 'stable');
    expect(() => registry.register(tinyProvider('aws'), {packageName: 'kopsx-aws-fork', version: '9.0.0'})).toThrow(
      ProviderConflictError,
    );
    expect(registry.list().map((p) => p.packageName)).toEqual(['@kopsx/plugin-aws']);
  });

  it('lists providers with their schemes, and makes those schemes openable', async () => {
    const scheme = `test${randomUUID().slice(0, 8)}`;
    const opened: string[] = [];
    const backing = await openStateStore(`memfs://${scheme}`);
    const factory: StateStoreFactory = async (url): Promise<StateStore> => {
      opened.push(url.href);
      return backing;
    };
    const registry = new ProviderRegistry();
    registry.register(tinyProvider('zcloud', {supportLevel: 'beta', stateStoreSchemes: {[scheme]: factory}}), {
      packageName: '@kopsx/plugin-zcloud',
      version: '0.1.0',
    });
    registry.register(tinyProvider('acloud'), {packageName: '@kopsx/plugin-acloud', version: '2.0.0'});
    expect(registry.list()).toEqual([
      {cloud: 'acloud', supportLevel: 'stable', packageName: '@kopsx/plugin-acloud', version: '2.0.0', stateStoreSchemes: []},
      {cloud: 'zcloud', supportLevel: 'beta', packageName: '@kopsx/plugin-zcloud', version: '0.1.0', stateStoreSchemes: [scheme]},
    ]);

    await expect(openStateStore(`${scheme}://bucket/prefix`)).rejects.toThrow();
    registry.registerStateStoreSchemes();
    expect(await openStateStore(`${scheme}://bucket/prefix`)).toBe(backing);
    expect(opened).toEqual([`${scheme}://bucket/prefix`]);
  });
});
