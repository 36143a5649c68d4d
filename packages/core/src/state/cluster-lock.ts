/**
 * One kopsx command at a time may change a cluster. The lock is the object `<cluster>/.lock`, created
 * exclusively (see StateStore.createIfAbsent), holding JSON `{holder, command, acquiredAt}` so that whoever
 * finds it held can say who holds it. Locks do not expire: a crashed holder leaves its lock behind, and
 * `--force-unlock` removes it. Releasing deletes the lock only while it is still the one we created, so a
 * holder whose lock was forcibly taken over cannot delete its successor's lock.
 */
import {hostname, userInfo} from 'node:os';
import {LockHeldError, StateStoreError, type LockInfo} from '../errors.js';
import {assertKeySegment} from './state-key.js';
import type {StateStore} from './state-store.js';

export interface LockOptions {
  /** The command line taking the lock, shown to whoever finds it held (e.g. `update cluster --yes`). */
  readonly command: string;
  /** Remove an existing lock before acquiring; whose it was is returned as `ClusterLock.removedLock`. */
  readonly forceUnlock?: boolean;
  /** Who holds the lock. @default `user@host pid N` */
  readonly holder?: string;
}

export interface ClusterLock {
  readonly info: LockInfo;
  /** The lock that `forceUnlock` removed, if there was one, so the caller can tell the user whose it was. */
  readonly removedLock?: LockInfo;
  /** Deletes the lock if it is still ours; calling it again, or after the lock was taken over, does nothing. */
  release(): Promise<void>;
}

/** Tries at creating the lock: one more is needed only when its holder released it between our create and read. */
const ATTEMPTS = 3;

function defaultHolder(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // Containers often run as a uid without a passwd entry.
    user = process.env.USER ?? `uid${process.getuid?.() ?? '?'}`;
  }
  return `${user}@${hostname()} pid ${process.pid}`;
}

function parseLockInfo(data: Buffer): LockInfo {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Partial<Record<keyof LockInfo, unknown>>;
    const {holder, command, acquiredAt} = parsed;
    if (typeof holder === 'string' && typeof command === 'string' && typeof acquiredAt === 'string') {
      return {holder, command, acquiredAt};
    }
  } catch {
    // fall through: a lock we cannot read is still a lock
  }
  return {holder: 'an unknown holder (unreadable lock file)', command: 'unknown', acquiredAt: 'unknown'};
}

/** Deletes the current lock (exactly the one read, not a newer one) and returns whose it was. */
async function removeLock(store: StateStore, key: string): Promise<LockInfo | undefined> {
  const current = await store.readWithVersion(key);
  if (!current) return undefined;
  await store.deleteIfVersion(key, current.version);
  return parseLockInfo(current.data);
}

class HeldLock implements ClusterLock {
  private released = false;

  constructor(
    private readonly store: StateStore,
    private readonly key: string,
    readonly info: LockInfo,
    private readonly version: string,
    readonly removedLock: LockInfo | undefined,
  ) {}

  async release(): Promise<void> {
    if (this.released) return;
    await this.store.deleteIfVersion(this.key, this.version);
    this.released = true;
  }
}

export async function acquireClusterLock(
  store: StateStore,
  cluster: string,
  options: LockOptions,
): Promise<ClusterLock> {
  assertKeySegment(cluster, 'cluster name');
  const key = `${cluster}/.lock`;
  const removedLock = options.forceUnlock ? await removeLock(store, key) : undefined;
  const info: LockInfo = {
    holder: options.holder ?? defaultHolder(),
    command: options.command,
    acquiredAt: new Date().toISOString(),
  };
  const body = `${JSON.stringify(info, null, 2)}\n`;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await store.createIfAbsent(key, body)) {
      // Learn the version of what we created, to release exactly that. Should a --force-unlock have replaced
      // it in between, the content differs (other holder or time) and the lock is theirs.
      const created = await store.readWithVersion(key);
      if (created?.data.toString('utf8') === body) {
        return new HeldLock(store, key, info, created.version, removedLock);
      }
      if (created) throw new LockHeldError(cluster, parseLockInfo(created.data));
    } else {
      const existing = await store.read(key);
      if (existing) throw new LockHeldError(cluster, parseLockInfo(existing));
    }
  }
  throw new StateStoreError(
    `could not lock cluster "${cluster}" in ${store.url}: its lock kept changing`,
    'another kopsx command is taking and releasing it; retry in a moment',
  );
}

/** Runs `fn` holding the cluster's lock, and releases it however `fn` ends. */
export async function withClusterLock<T>(
  store: StateStore,
  cluster: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const lock = await acquireClusterLock(store, cluster, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
