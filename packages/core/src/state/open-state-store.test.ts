import {describe, expect, it} from 'vitest';
import {StateStoreError} from '../errors.js';
import {openStateStore} from './open-state-store.js';
import type {StateStore} from './state-store.js';
import {registerStateStoreScheme} from './store-schemes.js';
import {resolveStateStoreUrl} from './resolve-state-store-url.js';

describe('openStateStore', () => {
  it('opens a scheme a plugin registered, passing the parsed URL and the environment', async () => {
    const memfs = await openStateStore('memfs://plugin-backing');
    const seen: string[] = [];
    registerStateStoreScheme('testblob://', async (url, env) => {
      seen.push(url.href, env.TEST_ACCOUNT ?? '');
      return memfs;
    });
    expect(resolveStateStoreUrl('testblob://container/x', {}).url).toBe('testblob://container/x');
    const store: StateStore = await openStateStore('testblob://container/x', {TEST_ACCOUNT: 'acct'});
    expect(store).toBe(memfs);
    expect(seen).toEqual(['testblob://container/x', 'acct']);
  });

  it('wraps a plugin factory failure in a StateStoreError naming the store', async () => {
    registerStateStoreScheme('brokenblob', async () => {
      throw new Error('account key missing');
    });
    await expect(openStateStore('brokenblob://c')).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && err.message === 'cannot open state store brokenblob://c: account key missing',
    );
  });

  it('rejects unknown schemes before opening anything', async () => {
    await expect(openStateStore('ftp://host/dir')).rejects.toBeInstanceOf(StateStoreError);
  });

  it('rejects invalid scheme names at registration', () => {
    expect(() => registerStateStoreScheme('not a scheme', async () => openStateStore('memfs://x'))).toThrow(TypeError);
  });
});
