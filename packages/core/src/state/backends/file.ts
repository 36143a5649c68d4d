/**
 * file:///absolute/path — a store in a local directory, one file per key.
 *
 * Every write goes to a temp file in the target directory, is fsynced and then renamed over the final name,
 * so a reader sees the old or the new content, never a part. Exclusive creates `link()` the finished temp
 * file to the final name, which fails with EEXIST when it exists: no reader ever sees a half-written lock.
 * Secret files (and their temp files) are created with mode 0600; directories with 0700.
 */
import {createHash, randomBytes} from 'node:crypto';
import {link, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {StateStoreError} from '../../errors.js';
import {assertKeyPrefix, assertStateKey} from '../state-key.js';
import type {StateStore, VersionedObject, WriteOptions} from '../state-store.js';

const TEMP_MARK = '.kopsx-tmp-';
const DIR_MODE = 0o700;

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function fileError(action: string, path: string, err: unknown): StateStoreError {
  const code = errnoOf(err);
  if (code === 'EACCES' || code === 'EPERM') {
    return new StateStoreError(
      `permission denied to ${action} ${path}`,
      'check the owner and mode of the state directory, or choose another store with --state',
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StateStoreError(`no space left to ${action} ${path}`, 'free some disk space and retry');
  }
  const message = err instanceof Error ? err.message : String(err);
  return new StateStoreError(`cannot ${action} ${path}: ${message}`);
}

/** Makes `path`'s rename or unlink durable; some filesystems cannot fsync a directory, which only costs durability. */
async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

class FileStore implements StateStore {
  readonly url: string;

  constructor(private readonly root: string) {
    this.url = pathToFileURL(root).href;
  }

  private pathOf(key: string): string {
    assertStateKey(key);
    return join(this.root, ...key.split('/'));
  }

  async read(key: string): Promise<Buffer | undefined> {
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (err) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errnoOf(err) ?? '')) return undefined;
      throw fileError('read', path, err);
    }
  }

  async readWithVersion(key: string): Promise<VersionedObject | undefined> {
    const path = this.pathOf(key);
    try {
      // Stat and read the same open file so that the version describes exactly these bytes.
      const handle = await open(path, 'r');
      try {
        const {ino} = await handle.stat();
        const data = await handle.readFile();
        return {data, version: `${ino}:${createHash('sha256').update(data).digest('hex')}`};
      } finally {
        await handle.close();
      }
    } catch (err) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errnoOf(err) ?? '')) return undefined;
      throw fileError('read', path, err);
    }
  }

  async write(key: string, data: Buffer | string, options: WriteOptions = {}): Promise<void> {
    const path = this.pathOf(key);
    const temp = await this.writeTemp(path, data, options);
    try {
      await rename(temp, path);
    } catch (err) {
      await rm(temp, {force: true});
      throw fileError('write', path, err);
    }
    await syncDirectory(dirname(path));
  }

  async createIfAbsent(key: string, data: Buffer | string, options: WriteOptions = {}): Promise<boolean> {
    const path = this.pathOf(key);
    const temp = await this.writeTemp(path, data, options);
    try {
      await link(temp, path);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') return false;
      throw fileError('create', path, err);
    } finally {
      await rm(temp, {force: true});
    }
    await syncDirectory(dirname(path));
    return true;
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (err) {
      if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return;
      throw fileError('delete', path, err);
    }
    await this.pruneEmptyParents(path);
  }

  /**
   * Unlike s3:// and gs://, checking the version and unlinking are two steps here; the window between them is
   * a few microseconds on one machine, and only a --force-unlock racing a release can fall into it.
   */
  async deleteIfVersion(key: string, version: string): Promise<boolean> {
    const current = await this.readWithVersion(key);
    if (current?.version !== version) return false;
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return false;
      throw fileError('delete', path, err);
    }
    await this.pruneEmptyParents(path);
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    assertKeyPrefix(prefix);
    // Walk only the directory that can hold matches: `c1/instancegroup/` or `c1/inst` → `c1/...`.
    const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    await this.walk(base, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  private async walk(relative: string, into: string[]): Promise<void> {
    const dir = relative ? join(this.root, ...relative.split('/')) : this.root;
    let entries;
    try {
      entries = await readdir(dir, {withFileTypes: true});
    } catch (err) {
      if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return;
      throw fileError('list', dir, err);
    }
    for (const entry of entries) {
      const key = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await this.walk(key, into);
      else if (entry.isFile() && !entry.name.includes(TEMP_MARK)) into.push(key);
    }
  }

  /** Writes and fsyncs a temp file beside `path`, returning its name. */
  private async writeTemp(path: string, data: Buffer | string, options: WriteOptions): Promise<string> {
    const dir = dirname(path);
    const temp = join(dir, `.${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
    // A concurrent delete may prune the directory between mkdir and open; a few retries cover that.
    for (let attempt = 1; ; attempt++) {
      try {
        await mkdir(dir, {recursive: true, mode: DIR_MODE});
        const handle = await open(temp, 'wx', options.secret ? 0o600 : 0o644);
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return temp;
      } catch (err) {
        await rm(temp, {force: true});
        if (errnoOf(err) !== 'ENOENT' || attempt === 3) throw fileError('write', path, err);
      }
    }
  }

  /** Removes directories left empty by a delete, so that deleting a cluster leaves no trace. */
  private async pruneEmptyParents(path: string): Promise<void> {
    for (let dir = dirname(path); dir.startsWith(this.root) && dir !== this.root; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): nothing more to prune
      }
    }
  }
}

export async function openFileStore(url: URL): Promise<StateStore> {
  if (url.host !== '' && url.host !== 'localhost') {
    throw new StateStoreError(
      `state store URL "${url.href}" names host "${url.host}"; file:// stores are local`,
      `use an absolute path: file:///path/to/state (three slashes)`,
    );
  }
  const root = fileURLToPath(url).replace(/(?<=.)\/+$/, '');
  try {
    if (!(await stat(root)).isDirectory()) {
      throw new StateStoreError(`state store ${root} is not a directory`, 'point --state at a directory');
    }
  } catch (err) {
    if (err instanceof StateStoreError) throw err;
    // A missing root is fine: the first write creates it.
    if (errnoOf(err) !== 'ENOENT') throw fileError('open', root, err);
  }
  return new FileStore(root);
}
