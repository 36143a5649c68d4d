/**
 * Which store a command uses: the --state flag, else KOPS_STATE_STORE (kOps' variable, so existing setups keep
 * working), else a per-user directory, so that a first `kopsx create cluster` works without any setup.
 */
import {homedir} from 'node:os';
import {isAbsolute, join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {formatStoreUrl, parseStoreUrl} from './parse-store-url.js';

export interface ResolvedStoreUrl {
  /** The normalised store URL, e.g. `s3://bucket/prefix` or `file:///home/me/.local/share/kopsx/state`. */
  readonly url: string;
  /** True when neither the flag nor KOPS_STATE_STORE named a store. */
  readonly isDefault: boolean;
}

/** `$KOPSX_STATE_DIR`, else `$XDG_DATA_HOME/kopsx/state`, else `~/.local/share/kopsx/state`. */
function defaultStateDir(env: NodeJS.ProcessEnv): string {
  if (env.KOPSX_STATE_DIR) return resolve(env.KOPSX_STATE_DIR);
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  if (env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)) return join(env.XDG_DATA_HOME, 'kopsx', 'state');
  return join(env.HOME || homedir(), '.local', 'share', 'kopsx', 'state');
}

export function resolveStateStoreUrl(flag: string | undefined, env: NodeJS.ProcessEnv): ResolvedStoreUrl {
  const given = flag?.trim() || env.KOPS_STATE_STORE?.trim();
  if (given) return {url: formatStoreUrl(parseStoreUrl(given, env)), isDefault: false};
  return {url: formatStoreUrl(pathToFileURL(defaultStateDir(env))), isDefault: true};
}
