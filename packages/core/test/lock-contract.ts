/** Locking behaviour, run against every backend that enforces conditional writes. */
import {beforeEach, describe, expect, it} from 'vitest';
import {LockHeldError} from '../src/errors.js';
import {acquireClusterLock, withClusterLock, type StateStore} from '../src/state/index.js';

export function describeLockContract(backend: string, open: () => Promise<StateStore>): void {
  describe(`${backend} cluster lock`, () => {
    let store: StateStore;
    beforeEach(async () => {
      store = await open();
    });

    it('stores who holds the lock as JSON and refuses a second holder, naming the first', async () => {
      const lock = await acquireClusterLock(store, 'c1.example.com', {command: 'update cluster --yes'});
      const stored = JSON.parse((await store.read('c1.example.com/.lock'))?.toString() ?? '{}');
      expect(stored).toEqual(lock.info);
      expect(lock.info.holder).toMatch(new RegExp(`^.+@.+ pid ${process.pid}$`));
      expect(Date.parse(lock.info.acquiredAt)).not.toBeNaN();

      const second = acquireClusterLock(store, 'c1.example.com', {command: 'delete cluster', holder: 'bob@laptop'});
      await expect(second).rejects.toBeInstanceOf(LockHeldError);
      await expect(second).rejects.toThrow(`locked by ${lock.info.holder} running "update cluster --yes"`);
    });

    it('can be taken again after release, and locks clusters independently', async () => {
      const first = await acquireClusterLock(store, 'c1', {command: 'one'});
      const other = await acquireClusterLock(store, 'c2', {command: 'other cluster'});
      await first.release();
      await first.release(); // a second release does nothing
      expect(await store.read('c1/.lock')).toBeUndefined();
      const again = await acquireClusterLock(store, 'c1', {command: 'two'});
      expect(again.info.command).toBe('two');
      await other.release();
      await again.release();
    });

    it('force-unlock takes over, says whose lock it removed, and survives the old holder releasing', async () => {
      const stale = await acquireClusterLock(store, 'c1', {command: 'rolling-update cluster', holder: 'ci@runner'});
      const taken = await acquireClusterLock(store, 'c1', {command: 'update cluster', forceUnlock: true});
      expect(taken.removedLock).toEqual(stale.info);

      await stale.release(); // the old holder comes back: it must not delete the new lock
      const stored = JSON.parse((await store.read('c1/.lock'))?.toString() ?? '{}');
      expect(stored).toEqual(taken.info);
      await expect(acquireClusterLock(store, 'c1', {command: 'x'})).rejects.toBeInstanceOf(LockHeldError);

      await taken.release();
      expect(await store.read('c1/.lock')).toBeUndefined();
    });

    it('force-unlock on an unlocked cluster just locks it', async () => {
      const lock = await acquireClusterLock(store, 'c1', {command: 'x', forceUnlock: true});
      expect(lock.removedLock).toBeUndefined();
      await lock.release();
    });

    it('withClusterLock returns the result and releases even when the work throws', async () => {
      expect(await withClusterLock(store, 'c1', {command: 'ok'}, async () => 42)).toBe(42);
      await expect(
        withClusterLock(store, 'c1', {command: 'boom'}, async () => {
          expect(await store.read('c1/.lock')).toBeDefined();
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      expect(await store.read('c1/.lock')).toBeUndefined();
    });

    it('lets exactly one of 10 concurrent acquirers win', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({length: 10}, (_, i) => acquireClusterLock(store, 'race', {command: `contender ${i}`})),
      );
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.filter((o) => o.status === 'rejected');
      expect(winners).toHaveLength(1);
      for (const loser of losers) expect(loser.reason).toBeInstanceOf(LockHeldError);
      const winner = winners[0];
      if (winner?.status === 'fulfilled') {
        const stored = JSON.parse((await store.read('race/.lock'))?.toString() ?? '{}');
        expect(stored).toEqual(winner.value.info);
        await winner.value.release();
      }
    });

    it('reports an unreadable lock file as held by an unknown holder', async () => {
      await store.write('c1/.lock', 'not json');
      await expect(acquireClusterLock(store, 'c1', {command: 'x'})).rejects.toThrow(/unknown holder/);
    });
  });
}
