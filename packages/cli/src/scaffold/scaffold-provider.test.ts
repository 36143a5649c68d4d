import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {AlreadyExistsError} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {UsageError} from '../usage-error.js';
import {scaffoldProvider} from './scaffold-provider.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kopsx-scaffold-'));
});
afterAll(async () => {
  await rm(root, {recursive: true, force: true});
});

const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');

describe('scaffoldProvider', () => {
  it('writes a provider package with the names filled in everywhere', async () => {
    const dir = join(root, 'zcloud');
    const result = await scaffoldProvider({cloud: 'zcloud', dir, kopsxVersion: '^0.1.0'});
    expect(result).toEqual({
      dir,
      packageName: 'kopsx-plugin-zcloud',
      files: [
        '.gitignore',
        'README.md',
        'package.json',
        'src/api-client.ts',
        'src/classify-error.ts',
        'src/defaults.ts',
        'src/handlers.ts',
        'src/index.ts',
        'src/kinds.ts',
        'src/model.ts',
        'src/provider.ts',
        'src/terraform.ts',
        'src/zones.ts',
        'test/conformance.test.ts',
        'test/simulator.ts',
        'tsconfig.json',
        'vitest.config.ts',
      ],
    });
    const pjson = JSON.parse(await read(dir, 'package.json')) as Record<string, Record<string, unknown>>;
    expect(pjson.name).toBe('kopsx-plugin-zcloud');
    expect(pjson.kopsx).toEqual({provider: './dist/index.js'});
    expect(pjson.dependencies).toEqual({'@kopsx/core': '^0.1.0'});
    expect(pjson.devDependencies).toMatchObject({'@kopsx/provider-conformance': '^0.1.0'});
    const provider = await read(dir, 'src/provider.ts');
    expect(provider).toContain("cloud: 'zcloud',");
    expect(provider).toContain("API_URL_VARIABLE = 'ZCLOUD_API_URL'");
    expect(provider).toContain('KOPS_FEATURE_FLAGS=AlphaAllowZcloud');
    expect(await read(dir, 'src/terraform.ts')).toContain('`zcloud_${resource.kind}`');
    for (const file of result.files) expect(await read(dir, file), file).not.toMatch(/__[A-Z][A-Z_]*__/);
  });

  it('takes a scoped package name, and spells a dashed cloud name as a variable name', async () => {
    const dir = join(root, 'my-cloud');
    await scaffoldProvider({cloud: 'my-cloud', dir, packageName: '@acme/kopsx-plugin-my-cloud', kopsxVersion: '^0.2.0'});
    expect(JSON.parse(await read(dir, 'package.json'))).toMatchObject({name: '@acme/kopsx-plugin-my-cloud', dependencies: {'@kopsx/core': '^0.2.0'}});
    expect(await read(dir, 'src/provider.ts')).toContain("TOKEN_VARIABLE = 'MY_CLOUD_TOKEN'");
  });

  it('refuses a folder that is not empty, and writes nothing into it', async () => {
    const dir = join(root, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const attempt = scaffoldProvider({cloud: 'zcloud', dir, kopsxVersion: '^0.1.0'});
    await expect(attempt).rejects.toThrow(AlreadyExistsError);
    await expect(attempt).rejects.toThrow(`${dir} already exists and is not empty`);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it.each([
    ['Z Cloud', undefined, '"Z Cloud" is not a usable cloud name'],
    ['1cloud', undefined, '"1cloud" is not a usable cloud name'],
    ['zcloud', 'Kopsx Plugin', '"Kopsx Plugin" is not a valid npm package name'],
  ])('refuses the cloud name %j (package %j) before writing anything', async (cloud, packageName, message) => {
    const dir = join(root, 'refused');
    const attempt = scaffoldProvider({cloud, dir, kopsxVersion: '^0.1.0', ...(packageName ? {packageName} : {})});
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(message);
    await expect(readdir(dir)).rejects.toThrow('ENOENT');
  });
});
