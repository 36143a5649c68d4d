import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadProviderModule} from './load-provider-module.js';
import {PROVIDER_API_VERSION} from './provider.js';
import {IncompatibleProviderError, InvalidProviderError} from './provider-registry-errors.js';

const source = {packageName: '@acme/kopsx-plugin-zcloud', version: '0.4.0'};
const validProvider = `{
  apiVersion: ${PROVIDER_API_VERSION},
  cloud: 'zcloud',
  supportLevel: 'beta',
  defaults: {controlPlaneMachineType: 'm', nodeMachineType: 'n', bastionMachineType: 'b', image: 'i'},
  validateZones: () => [],
  buildModel: () => ({resources: []}),
  connect: async () => ({handlers: [], classifyError: () => 'fatal', close: async () => {}}),
  renderTerraform: () => ({block: 'resource', type: 't', name: 'n', body: {}}),
}`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kopsx-provider-module-'));
});

afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
});

/** Writes a module with `text` as its source and returns its absolute path. */
async function moduleFile(name: string, text: string): Promise<string> {
  const path = join(dir, `${name}.mjs`);
  await writeFile(path, text);
  return path;
}

async function loadError(path: string): Promise<Error> {
  const error = await loadProviderModule(path, source).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`loading ${path} should have failed`);
  return error;
}

describe('loadProviderModule', () => {
  it('returns the provider a well-formed module exports', async () => {
    const provider = await loadProviderModule(await moduleFile('valid', `export const provider = ${validProvider};`), source);
    expect(provider.cloud).toBe('zcloud');
    expect(provider.supportLevel).toBe('beta');
  });

  it('refuses a provider built for another provider API before looking further', async () => {
    const path = await moduleFile('future', `export const provider = {apiVersion: ${PROVIDER_API_VERSION + 1}};`);
    const error = await loadError(path);
    expect(error).toBeInstanceOf(IncompatibleProviderError);
    expect(error.message).toContain(`@acme/kopsx-plugin-zcloud 0.4.0 was built for provider API ${PROVIDER_API_VERSION + 1}`);
  });

  it.each([
    ['no provider export', 'export const other = 1;', 'it has no "provider" export'],
    ['a missing method', `const p = ${validProvider}; delete p.connect; export const provider = p;`, 'provider.connect is not a function'],
    ['a bad support level', `export const provider = {...${validProvider}, supportLevel: 'gamma'};`, 'provider.supportLevel must be one of'],
    ['a bad cloud name', `export const provider = {...${validProvider}, cloud: 'Z Cloud'};`, 'provider.cloud must be a lowercase name'],
    ['missing defaults', `export const provider = {...${validProvider}, defaults: {}};`, 'provider.defaults.controlPlaneMachineType'],
    ['a module that throws', `throw new Error('boom at import');`, 'it could not be imported: boom at import'],
  ])('names the package and the problem for %s', async (name, text, problem) => {
    const path = await moduleFile(name.replaceAll(' ', '-'), text);
    const error = await loadError(path);
    expect(error).toBeInstanceOf(InvalidProviderError);
    expect(error.message).toContain(`plugin @acme/kopsx-plugin-zcloud 0.4.0 has no usable provider in ${path}: ${problem}`);
  });

  it('names the package when the module does not exist', async () => {
    const error = await loadError(join(dir, 'missing.mjs'));
    expect(error).toBeInstanceOf(InvalidProviderError);
    expect(error.message).toContain('@acme/kopsx-plugin-zcloud 0.4.0');
  });
});
