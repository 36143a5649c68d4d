/**
 * What validation and rolling updates work through: the completed cluster, an open connection to its cloud
 * with instance-group operations, and a Kubernetes client for its API.
 */
import type {KubeConfig} from '@kubernetes/client-node';
import {KopsxError} from '../errors.js';
import {cloudOf, completeCluster} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudConnection, InstanceGroupOperations} from '../provider/index.js';
import {ClusterRegistry} from '../state/index.js';
import type {StateStore} from '../state/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {buildKubeconfig} from './kubeconfig.js';
import {KubernetesClient} from './kubeconfig-client.js';
import {resolveApiServer} from './kubeconfig-server.js';

/** Lifetime of the admin certificate a session makes for itself; it makes a new one before this runs out. */
const SESSION_CERTIFICATE_MS = 60 * 60 * 1000;
const RENEW_BEFORE_MS = 10 * 60 * 1000;

export interface ClusterSessionOptions extends ClusterTarget {
  readonly signal?: AbortSignal;
  /**
   * How to reach the Kubernetes API (e.g. the user's kubeconfig, loaded by the caller). By default the session
   * issues itself a short-lived admin certificate from the cluster CA and talks to the API endpoint directly.
   */
  readonly kubeconfig?: KubeConfig;
}

/** An open session: close it when done. */
export interface ClusterSession {
  readonly clusterName: string;
  /** The completed spec. */
  readonly bundle: ClusterBundle;
  /** Set for a beta provider: one line for the CLI to show. */
  readonly notice?: string;
  readonly connection: CloudConnection;
  readonly instanceGroups: InstanceGroupOperations;
  /** The API client, made on first use (so a cloud-only rolling update never needs the API). */
  kubernetes(signal?: AbortSignal): Promise<KubernetesClient>;
  close(): Promise<void>;
}

/** Reads the cluster from the store and connects to its cloud. Throws when the provider cannot manage instances. */
export async function openClusterSession(options: ClusterSessionOptions): Promise<ClusterSession> {
  const stored = await new ClusterRegistry(options.store).require(options.clusterName);
  const bundle = completeCluster(stored);
  const {provider, notice} = options.providers.require(cloudOf(bundle.cluster), {featureFlags: options.env.KOPS_FEATURE_FLAGS});
  const connection = await provider.connect({env: options.env, cluster: bundle, signal: options.signal});
  const {instanceGroups} = connection;
  if (!instanceGroups) {
    await connection.close();
    throw new KopsxError(
      `the ${provider.cloud} provider cannot list or replace the instances of instance groups`,
      'InstanceGroupsUnsupported',
      'upgrade the provider plugin ("kopsx plugins update")',
    );
  }
  const kubernetes = options.kubeconfig
    ? fixedClient(new KubernetesClient(options.kubeconfig))
    : renewingAdminClient({store: options.store, clusterName: options.clusterName, bundle, connection});
  return {
    clusterName: options.clusterName,
    bundle,
    ...(notice === undefined ? {} : {notice}),
    connection,
    instanceGroups,
    kubernetes,
    close: () => connection.close(),
  };
}

function fixedClient(client: KubernetesClient): ClusterSession['kubernetes'] {
  return async () => client;
}

interface AdminClientSource {
  readonly store: StateStore;
  readonly clusterName: string;
  readonly bundle: ClusterBundle;
  readonly connection: CloudConnection;
}

/** A client with an admin certificate of its own, replaced by a fresh one shortly before it expires. */
function renewingAdminClient(source: AdminClientSource): ClusterSession['kubernetes'] {
  let current: {client: KubernetesClient; renewAt: number} | undefined;
  return async (signal) => {
    if (current && Date.now() < current.renewAt) return current.client;
    const server = await resolveApiServer({bundle: source.bundle, connection: source.connection, signal});
    const entries = await buildKubeconfig({
      store: source.store,
      clusterName: source.clusterName,
      server,
      admin: {validityMs: SESSION_CERTIFICATE_MS},
    });
    current = {client: KubernetesClient.fromClusterKubeconfig(entries), renewAt: Date.now() + SESSION_CERTIFICATE_MS - RENEW_BEFORE_MS};
    return current.client;
  };
}
