/**
 * Which factory opens which URL scheme. The built-in backends are imported only when a store of their scheme
 * is opened, so that commands which never touch a store (`kopsx version`) do not load the cloud SDKs.
 */
import type {StateStoreFactory} from './state-store.js';

const factories = new Map<string, StateStoreFactory>([
  ['file', async (url) => (await import('./backends/file.js')).openFileStore(url)],
  ['memfs', async (url) => (await import('./backends/memfs.js')).openMemfsStore(url)],
  ['s3', async (url, env) => (await import('./backends/s3.js')).openS3Store(url, env)],
  ['gs', async (url, env) => (await import('./backends/gs.js')).openGsStore(url, env)],
]);

/** `s3`, `s3:` and `s3://` all name the scheme `s3`. */
function normaliseScheme(scheme: string): string {
  return scheme.toLowerCase().replace(/:(\/\/)?$/, '');
}

/** Lets a plugin add a scheme (e.g. `azblob`) or replace a built-in one. */
export function registerStateStoreScheme(scheme: string, factory: StateStoreFactory): void {
  const name = normaliseScheme(scheme);
  if (!/^[a-z][a-z0-9+.-]*$/.test(name)) {
    throw new TypeError(`invalid state store scheme "${scheme}"`);
  }
  factories.set(name, factory);
}

export function stateStoreFactory(scheme: string): StateStoreFactory | undefined {
  return factories.get(normaliseScheme(scheme));
}

/** The registered schemes, sorted, for error messages. */
export function supportedSchemes(): string[] {
  return [...factories.keys()].sort();
}
