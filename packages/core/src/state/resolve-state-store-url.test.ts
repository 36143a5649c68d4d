import {homedir} from 'node:os';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {StateStoreError} from '../errors.js';
import {resolveStateStoreUrl} from './resolve-state-store-url.js';

describe('resolveStateStoreUrl', () => {
  const home = {HOME: '/home/ada'};

  it('prefers the flag over KOPS_STATE_STORE', () => {
    expect(resolveStateStoreUrl('s3://flag-bucket', {...home, KOPS_STATE_STORE: 'gs://env-bucket'})).toEqual({
      url: 's3://flag-bucket',
      isDefault: false,
    });
  });

  it('uses KOPS_STATE_STORE without a flag, and ignores it when empty', () => {
    expect(resolveStateStoreUrl(undefined, {...home, KOPS_STATE_STORE: 'gs://env-bucket/team/'})).toEqual({
      url: 'gs://env-bucket/team',
      isDefault: false,
    });
    expect(resolveStateStoreUrl('', {...home, KOPS_STATE_STORE: ''}).isDefault).toBe(true);
  });

  it('falls back to KOPSX_STATE_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(resolveStateStoreUrl(undefined, {...home, KOPSX_STATE_DIR: '/srv/kopsx', XDG_DATA_HOME: '/x'})).toEqual({
      url: 'file:///srv/kopsx',
      isDefault: true,
    });
    expect(resolveStateStoreUrl(undefined, {...home, XDG_DATA_HOME: '/data'}).url).toBe('file:///data/kopsx/state');
    expect(resolveStateStoreUrl(undefined, {...home, XDG_DATA_HOME: 'relative'}).url).toBe(
      'file:///home/ada/.local/share/kopsx/state',
    );
    expect(resolveStateStoreUrl(undefined, home).url).toBe('file:///home/ada/.local/share/kopsx/state');
  });

  it('uses the OS home directory when HOME is unset', () => {
    expect(resolveStateStoreUrl(undefined, {}).url).toBe(`file://${homedir()}/.local/share/kopsx/state`);
  });

  it('accepts bare paths as file:// stores', () => {
    expect(resolveStateStoreUrl('/tmp/state/', home).url).toBe('file:///tmp/state');
    expect(resolveStateStoreUrl('~/state', home).url).toBe('file:///home/ada/state');
    expect(resolveStateStoreUrl('./state', home).url).toBe(`file://${resolve('state')}`);
    expect(resolveStateStoreUrl('/tmp/with space', home).url).toBe('file:///tmp/with%20space');
  });

  it('keeps file:// and memfs:// URLs as given, minus a trailing slash', () => {
    expect(resolveStateStoreUrl('file:///var/lib/kopsx/', home).url).toBe('file:///var/lib/kopsx');
    expect(resolveStateStoreUrl('memfs://test', home).url).toBe('memfs://test');
  });

  it('rejects an unknown scheme, naming the supported ones', () => {
    let error: unknown;
    try {
      resolveStateStoreUrl('azblob://container', home);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).message).toBe('state store "azblob://container" uses unsupported scheme "azblob:"');
    expect((error as StateStoreError).hint).toMatch(/file:\/\/, gs:\/\/, memfs:\/\/, s3:\/\//);
  });

  it('rejects a bucket name without a scheme and a scheme without //', () => {
    expect(() => resolveStateStoreUrl('my-bucket', home)).toThrow('state store "my-bucket" has no scheme');
    expect(() => resolveStateStoreUrl('s3:my-bucket', home)).toThrow('is missing "//" after "s3:"');
  });
});
