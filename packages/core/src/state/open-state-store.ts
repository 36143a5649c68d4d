import {KopsxError, StateStoreError} from '../errors.js';
import {parseStoreUrl} from './parse-store-url.js';
import type {StateStore} from './state-store.js';
import {stateStoreFactory} from './store-schemes.js';

/**
 * Opens the store at `url` (as `resolveStateStoreUrl` returns it; bare paths are accepted too) with the
 * factory registered for its scheme. Remote backends check that the bucket is reachable, so a wrong name or
 * missing credentials fail here, with a hint, rather than in the middle of a command.
 */
export async function openStateStore(url: string, env: NodeJS.ProcessEnv = process.env): Promise<StateStore> {
  const parsed = parseStoreUrl(url, env);
  const factory = stateStoreFactory(parsed.protocol.slice(0, -1));
  // parseStoreUrl accepted the scheme, so a factory exists; this keeps the type checker honest.
  if (!factory) throw new StateStoreError(`no state store backend for ${parsed.protocol}`);
  try {
    return await factory(parsed, env);
  } catch (err) {
    if (err instanceof KopsxError) throw err;
    // A plugin's factory may throw anything; users still get a message naming the store.
    const message = err instanceof Error ? err.message : String(err);
    throw new StateStoreError(`cannot open state store ${url}: ${message}`);
  }
}
