import {chmod, mkdtemp, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {StateStoreError} from '../src/errors.js';
import {openStateStore} from '../src/state/index.js';
import {describeLockContract} from './lock-contract.js';
import {describeStoreContract} from './store-contract.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kopsx-file-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

/** A store rooted in a directory that does not exist yet: the first write must create it. */
const open = async () => openStateStore(pathToFileURL(join(await tempDir(), 'state')).href);

describeStoreContract('file://', {open, conditional: true});
describeLockContract('file://', open);

describe('file://', () => {
  it('creates secret files with mode 0600 and other files readable', async () => {
    const dir = await tempDir();
    const store = await openStateStore(dir);
    await store.write('c1/secrets/admin', 'token', {secret: true});
    await store.createIfAbsent('c1/pki/private/ca/key', 'pem', {secret: true});
    await store.write('c1/config', 'kind: Cluster');
    expect((await stat(join(dir, 'c1/secrets/admin'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'c1/pki/private/ca/key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'c1/config'))).mode & 0o077).not.toBe(0);
    expect((await stat(join(dir, 'c1'))).mode & 0o777).toBe(0o700);
  });

  it('turns a public file secret when it is rewritten as a secret', async () => {
    const dir = await tempDir();
    const store = await openStateStore(dir);
    await store.write('c1/secrets/x', 'public');
    await store.write('c1/secrets/x', 'secret', {secret: true});
    expect((await stat(join(dir, 'c1/secrets/x'))).mode & 0o777).toBe(0o600);
  });

  it('never lets a reader see a partly written file', async () => {
    const store = await openStateStore(await tempDir());
    const versions = ['a', 'b', 'c'].map((fill, i) => Buffer.alloc((4 + i) * 1024 * 1024, fill));
    await store.write('c1/big', versions[0] ?? '');
    let writing = true;
    let reads = 0;
    let partial = 0;
    const reader = (async () => {
      while (writing) {
        const data = await store.read('c1/big');
        reads++;
        if (!data || !versions.some((version) => version.equals(data))) partial++;
      }
    })();
    for (let round = 0; round < 10; round++) {
      for (const version of versions) await store.write('c1/big', version);
    }
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(3);
    expect(partial).toBe(0);
  });

  it('hides temp files from listings and leaves none behind', async () => {
    const dir = await tempDir();
    const store = await openStateStore(dir);
    await store.write('c1/config', 'x');
    await store.createIfAbsent('c1/.lock', 'y');
    await store.createIfAbsent('c1/.lock', 'z');
    await writeFile(join(dir, 'c1', '.config.kopsx-tmp-0123abcd'), 'left by a crash');
    expect(await store.list('')).toEqual(['c1/.lock', 'c1/config']);
    expect((await readdir(join(dir, 'c1'))).sort()).toEqual(['.config.kopsx-tmp-0123abcd', '.lock', 'config']);
  });

  it('removes directories that deletes leave empty, but keeps the root', async () => {
    const dir = await tempDir();
    const store = await openStateStore(dir);
    await store.write('c1/instancegroup/nodes', 'x');
    await store.write('c1/config', 'y');
    await store.delete('c1/instancegroup/nodes');
    expect(await readdir(join(dir, 'c1'))).toEqual(['config']);
    await store.delete('c1/config');
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts file:// URLs and bare paths alike and shows them as file:// URLs', async () => {
    const dir = await tempDir();
    expect((await openStateStore(dir)).url).toBe(pathToFileURL(dir).href);
    expect((await openStateStore(`${pathToFileURL(dir).href}/`)).url).toBe(pathToFileURL(dir).href);
  });

  it('refuses a root that is a file, and file URLs with a host', async () => {
    const file = join(await tempDir(), 'plain-file');
    await writeFile(file, 'x');
    await expect(openStateStore(file)).rejects.toThrow(/is not a directory/);
    await expect(openStateStore('file://state/dir')).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && /file:\/\/\/path/.test(err.hint ?? ''),
    );
  });

  // root may write anywhere, so this case needs an ordinary user
  it.skipIf(process.getuid?.() === 0)('reports a directory it may not write with a hint', async () => {
    const dir = await tempDir();
    const store = await openStateStore(dir);
    await store.write('c1/config', 'x');
    await chmod(join(dir, 'c1'), 0o500);
    await expect(store.write('c1/other', 'y')).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && /permission denied/.test(err.message) && !!err.hint,
    );
    await chmod(join(dir, 'c1'), 0o700);
  });
});
