/**
 * memfs://name — an in-process store, one per name, shared by every `openMemfsStore` of that name in the
 * process. Meant for tests and dry runs; nothing survives the process. Node runs each method's map
 * operations without interleaving, so the conditional operations are atomic here for free.
 */
import {StateStoreError} from '../../errors.js';
import {assertKeyPrefix, assertStateKey} from '../state-key.js';
import type {StateStore, VersionedObject} from '../state-store.js';

interface MemObject {
  readonly data: Buffer;
  readonly generation: number;
}

const stores = new Map<string, Map<string, MemObject>>();
let nextGeneration = 1;

class MemfsStore implements StateStore {
  constructor(
    readonly url: string,
    private readonly objects: Map<string, MemObject>,
  ) {}

  async read(key: string): Promise<Buffer | undefined> {
    return (await this.readWithVersion(key))?.data;
  }

  async readWithVersion(key: string): Promise<VersionedObject | undefined> {
    assertStateKey(key);
    const object = this.objects.get(key);
    return object && {data: Buffer.from(object.data), version: String(object.generation)};
  }

  async write(key: string, data: Buffer | string): Promise<void> {
    assertStateKey(key);
    this.objects.set(key, {data: Buffer.from(data), generation: nextGeneration++});
  }

  async createIfAbsent(key: string, data: Buffer | string): Promise<boolean> {
    assertStateKey(key);
    if (this.objects.has(key)) return false;
    this.objects.set(key, {data: Buffer.from(data), generation: nextGeneration++});
    return true;
  }

  async delete(key: string): Promise<void> {
    assertStateKey(key);
    this.objects.delete(key);
  }

  async deleteIfVersion(key: string, version: string): Promise<boolean> {
    assertStateKey(key);
    if (String(this.objects.get(key)?.generation) !== version) return false;
    return this.objects.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    assertKeyPrefix(prefix);
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

export async function openMemfsStore(url: URL): Promise<StateStore> {
  const name = url.host + url.pathname.replace(/\/+$/, '');
  if (!name) {
    throw new StateStoreError(`state store URL "${url.href}" names no store`, 'use memfs://<name>, e.g. memfs://test');
  }
  let objects = stores.get(name);
  if (!objects) {
    objects = new Map();
    stores.set(name, objects);
  }
  return new MemfsStore(`memfs://${name}`, objects);
}
