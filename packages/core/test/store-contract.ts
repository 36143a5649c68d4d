/**
 * The behaviour every StateStore backend must show, run against each backend by its own test file.
 * Each test gets a fresh, empty store from `open`.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {KopsxError} from '../src/errors.js';
import type {StateStore} from '../src/state/index.js';

export interface StoreContractOptions {
  /** Opens a new, empty store. */
  readonly open: () => Promise<StateStore>;
  /** False for servers that ignore conditional requests, which then skip those cases. */
  readonly conditional: boolean;
}

export function describeStoreContract(backend: string, options: StoreContractOptions): void {
  describe(`${backend} store contract`, () => {
    let store: StateStore;
    beforeEach(async () => {
      store = await options.open();
    });

    it('reads a missing key as undefined', async () => {
      expect(await store.read('nope/config')).toBeUndefined();
      expect(await store.readWithVersion('nope/config')).toBeUndefined();
    });

    it('reads back what was written, as bytes', async () => {
      const binary = Buffer.from([0, 1, 2, 255, 10, 13]);
      await store.write('c1/config', 'kind: Cluster\n');
      await store.write('c1/pki/blob', binary);
      expect((await store.read('c1/config'))?.toString()).toBe('kind: Cluster\n');
      expect(await store.read('c1/pki/blob')).toEqual(binary);
    });

    it('overwrites and gives the new content a new version', async () => {
      await store.write('c1/config', 'first');
      const first = await store.readWithVersion('c1/config');
      await store.write('c1/config', 'second');
      const second = await store.readWithVersion('c1/config');
      expect(second?.data.toString()).toBe('second');
      expect(second?.version).not.toBe(first?.version);
    });

    it('lists keys below a prefix, recursively and sorted', async () => {
      const keys = ['b/config', 'a/instancegroup/nodes', 'ab/config', 'a/config', 'a/instancegroup/control-plane'];
      for (const key of keys) await store.write(key, key);
      expect(await store.list('')).toEqual([...keys].sort());
      expect(await store.list('a/')).toEqual(['a/config', 'a/instancegroup/control-plane', 'a/instancegroup/nodes']);
      expect(await store.list('a/instancegroup/')).toEqual(['a/instancegroup/control-plane', 'a/instancegroup/nodes']);
      expect(await store.list('a/instancegroup/no')).toEqual(['a/instancegroup/nodes']);
      expect(await store.list('zz/')).toEqual([]);
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      await store.write('c1/config', 'x');
      await store.write('c1/instancegroup/nodes', 'y');
      await store.delete('c1/config');
      await store.delete('c1/config');
      expect(await store.read('c1/config')).toBeUndefined();
      expect(await store.list('')).toEqual(['c1/instancegroup/nodes']);
    });

    it('rejects keys that would leave the root or alias another key', async () => {
      for (const key of ['../escape', 'c1/../../x', '/abs', 'a//b', 'trailing/', '']) {
        await expect(store.write(key, 'x'), key).rejects.toSatisfy(
          (err) => err instanceof KopsxError && err.code === 'InvalidStateKey',
        );
      }
      await expect(store.list('../')).rejects.toBeInstanceOf(KopsxError);
    });

    it.runIf(options.conditional)('creates only when absent', async () => {
      expect(await store.createIfAbsent('c1/.lock', 'mine')).toBe(true);
      expect(await store.createIfAbsent('c1/.lock', 'theirs')).toBe(false);
      expect((await store.read('c1/.lock'))?.toString()).toBe('mine');
    });

    it.runIf(options.conditional)('lets exactly one of 10 concurrent creates win', async () => {
      const results = await Promise.all(
        Array.from({length: 10}, (_, i) => store.createIfAbsent('race/.lock', `contender ${i}`)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store.read('race/.lock'))?.toString()).toBe(`contender ${winner}`);
    });

    it.runIf(options.conditional)('deletes by version only while the object is unchanged', async () => {
      await store.write('c1/.lock', 'old');
      const old = await store.readWithVersion('c1/.lock');
      await store.write('c1/.lock', 'new');
      expect(await store.deleteIfVersion('c1/.lock', old?.version ?? '')).toBe(false);
      expect((await store.read('c1/.lock'))?.toString()).toBe('new');

      const current = await store.readWithVersion('c1/.lock');
      expect(await store.deleteIfVersion('c1/.lock', current?.version ?? '')).toBe(true);
      expect(await store.read('c1/.lock')).toBeUndefined();
      expect(await store.deleteIfVersion('c1/.lock', current?.version ?? '')).toBe(false);
    });
  });
}
