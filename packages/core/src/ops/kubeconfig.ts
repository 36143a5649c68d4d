/**
 * `kopsx export kubecfg`: a kubectl context for the cluster, merged into the user's kubeconfig file. The
 * context points at the cluster's API, trusts the cluster's CA, and authenticates with a fresh admin
 * certificate (`admin`), an existing user entry of the file (`user`), or nothing yet.
 */
import {NotFoundError, ValidationError} from '../errors.js';
import {cloudOf, completeCluster} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import {CLUSTER_KEY_NAMES, Keystore} from '../pki/index.js';
import type {Secret} from '../pki/index.js';
import {ClusterRegistry} from '../state/index.js';
import type {StateStore} from '../state/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {defaultKubeconfigPath, readKubeconfigFile, writeKubeconfigFile} from './kubeconfig-file.js';
import {mergeKubeconfig} from './kubeconfig-merge.js';
import {apiServerNeedsCloud, resolveApiServer} from './kubeconfig-server.js';

/** kOps' default lifetime of an exported admin certificate. */
export const DEFAULT_ADMIN_VALIDITY_MS = 18 * 60 * 60 * 1000;

export interface AdminCredentialOptions {
  /** @default DEFAULT_ADMIN_VALIDITY_MS */
  readonly validityMs?: number;
}

/** A client certificate signed by the cluster CA; the key stays wrapped until it is written. */
export interface ClientCredentials {
  readonly certPem: string;
  readonly keyPem: Secret;
  /** ISO 8601. */
  readonly notAfter: string;
}

/** One cluster's kubeconfig entries: cluster, context and (with credentials) user, all named after the cluster. */
export interface ClusterKubeconfig {
  /** The cluster name: the name of the cluster and context entries. */
  readonly name: string;
  readonly server: string;
  readonly caPem: string;
  /** The user entry the context refers to. */
  readonly user: string;
  /** The user entry is one of the file's own (`user`): it must exist there and is left untouched. */
  readonly requireExistingUser?: boolean;
  /** Set with `admin`: written into the user entry. Without it an existing entry of that name is kept. */
  readonly credentials?: ClientCredentials;
}

export interface BuildKubeconfigOptions {
  readonly store: StateStore;
  readonly clusterName: string;
  /** `https://host[:port]` of the API. */
  readonly server: string;
  /** Issue an admin client certificate (user entry named after the cluster). */
  readonly admin?: AdminCredentialOptions;
  /** Refer to this existing user entry instead; no certificate is issued. */
  readonly user?: string;
}

/** The entries for one cluster, from its keystore. Reads the store; writes nothing. */
export async function buildKubeconfig(options: BuildKubeconfigOptions): Promise<ClusterKubeconfig> {
  if (options.admin && options.user !== undefined) {
    throw new ValidationError([
      {path: 'user', message: 'cannot be combined with admin', hint: 'use --admin for a new certificate or --user for an existing user, not both'},
    ]);
  }
  const keystore = new Keystore(options.store, options.clusterName);
  const ca = await keystore.getKeypair(CLUSTER_KEY_NAMES.kubernetesCa).catch((error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(
      `cluster "${options.clusterName}" has no certificate authority in ${options.store.url}`,
      'its keys are made by "kopsx create cluster" and "kopsx update cluster --yes"; check the cluster name and --state',
    );
  });
  const base = {name: options.clusterName, server: options.server, caPem: ca.certPem};
  if (options.user !== undefined) return {...base, user: options.user, requireExistingUser: true};
  if (!options.admin) return {...base, user: options.clusterName};
  const issued = await keystore.issueAdminCertificate({validityMs: options.admin.validityMs ?? DEFAULT_ADMIN_VALIDITY_MS});
  return {
    ...base,
    user: options.clusterName,
    credentials: {certPem: issued.certPem, keyPem: issued.keyPem, notAfter: issued.notAfter},
  };
}

export interface ExportKubeconfigOptions extends ClusterTarget {
  /** @default the first file of `$KUBECONFIG`, else `~/.kube/config` (from `env`) */
  readonly kubeconfigPath?: string;
  readonly admin?: AdminCredentialOptions;
  readonly user?: string;
  /** Point at `api.internal.<name>`, for clients inside the cluster's network. */
  readonly internal?: boolean;
  readonly signal?: AbortSignal;
}

export interface KubeconfigExport {
  /** The file written. */
  readonly path: string;
  /** The context set as current (the cluster name). */
  readonly context: string;
  readonly server: string;
  readonly user: string;
  /** `none`: the context has no credentials of its own yet (neither `admin` nor `user`, and none kept). */
  readonly credentials: 'admin' | 'existing-user' | 'none';
  /** When the admin certificate expires (ISO 8601), with `admin`. */
  readonly expires?: string;
}

/**
 * Writes the cluster's context into the kubeconfig file and makes it current, keeping every other entry.
 * Touches the cloud only to look up the API load balancer.
 */
export async function exportKubeconfig(options: ExportKubeconfigOptions): Promise<KubeconfigExport> {
  const stored = await new ClusterRegistry(options.store).require(options.clusterName);
  const bundle = completeCluster(stored);
  const server = await serverOf(options, bundle);
  const entries = await buildKubeconfig({...options, server});
  const path = options.kubeconfigPath ?? defaultKubeconfigPath(options.env);
  const {document, userExisted} = mergeKubeconfig(await readKubeconfigFile(path), entries, {source: path});
  await writeKubeconfigFile(path, document);
  const credentials = entries.credentials ? 'admin' : userExisted ? 'existing-user' : 'none';
  return {
    path,
    context: entries.name,
    server,
    user: entries.user,
    credentials,
    ...(entries.credentials ? {expires: entries.credentials.notAfter} : {}),
  };
}

/** The API's URL, connecting to the cloud only when it must look up the load balancer. */
async function serverOf(options: ExportKubeconfigOptions, bundle: ClusterBundle): Promise<string> {
  const {internal, signal} = options;
  if (!apiServerNeedsCloud(bundle, {internal})) return resolveApiServer({bundle, internal});
  const {provider} = options.providers.require(cloudOf(bundle.cluster), {featureFlags: options.env.KOPS_FEATURE_FLAGS});
  const connection = await provider.connect({env: options.env, cluster: bundle, signal});
  try {
    return await resolveApiServer({bundle, connection, internal, signal});
  } finally {
    await connection.close();
  }
}
