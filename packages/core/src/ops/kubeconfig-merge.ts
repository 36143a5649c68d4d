import {NotFoundError} from '../errors.js';
import type {ClusterKubeconfig} from './kubeconfig.js';

/** An entry of a kubeconfig list (`clusters`, `users`, `contexts`): a name and one nested object. */
export interface NamedEntry {
  readonly name?: unknown;
  readonly [key: string]: unknown;
}

/** A kubeconfig file as YAML reads it. Fields kopsx does not touch (preferences, extensions) are kept. */
export interface KubeconfigDocument {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly clusters?: readonly NamedEntry[] | null;
  readonly users?: readonly NamedEntry[] | null;
  readonly contexts?: readonly NamedEntry[] | null;
  readonly 'current-context'?: unknown;
  readonly [key: string]: unknown;
}

export interface MergedKubeconfig {
  readonly document: KubeconfigDocument;
  /** The context's user entry was already in the file (and, without new credentials, kept as it was). */
  readonly userExisted: boolean;
}

/**
 * The file with this cluster's cluster, context and user entries replaced (or added) and its context made
 * current; every other entry stays as it was, in place. With `requireExistingUser` the user entry must be in
 * the file already (NotFoundError otherwise, naming `source`).
 */
export function mergeKubeconfig(
  existing: KubeconfigDocument,
  entries: ClusterKubeconfig,
  options: {readonly source: string},
): MergedKubeconfig {
  const users = existing.users ?? [];
  const previousUser = users.find((entry) => entry.name === entries.user);
  if (entries.requireExistingUser && !previousUser) {
    throw new NotFoundError(
      `user "${entries.user}" is not in ${options.source}`,
      'name a user of that file (see "kubectl config view"), or use --admin for a new admin certificate',
    );
  }
  const previousContext = (existing.contexts ?? []).find((entry) => entry.name === entries.name);
  const cluster = {
    name: entries.name,
    cluster: {server: entries.server, 'certificate-authority-data': base64(entries.caPem)},
  };
  // A namespace (or anything else) the user set on the context survives a re-export.
  const context = {
    name: entries.name,
    context: {...asRecord(previousContext?.context), cluster: entries.name, user: entries.user},
  };
  const {credentials} = entries;
  const user = credentials
    ? {
        name: entries.user,
        user: {'client-certificate-data': base64(credentials.certPem), 'client-key-data': base64(credentials.keyPem.reveal())},
      }
    : (previousUser ?? {name: entries.user, user: {}});
  return {
    document: {
      apiVersion: 'v1',
      kind: 'Config',
      ...existing,
      clusters: replaceNamed(existing.clusters ?? [], cluster),
      contexts: replaceNamed(existing.contexts ?? [], context),
      users: replaceNamed(users, user),
      'current-context': entries.name,
    },
    userExisted: previousUser !== undefined,
  };
}

/** The list with the entry of `entry.name` replaced where it was, or appended. */
function replaceNamed(list: readonly NamedEntry[], entry: NamedEntry): NamedEntry[] {
  const index = list.findIndex((item) => item.name === entry.name);
  if (index < 0) return [...list, entry];
  return list.map((item, i) => (i === index ? entry : item));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
