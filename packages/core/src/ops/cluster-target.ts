import type {ProviderRegistry} from '../provider/index.js';
import type {StateStore} from '../state/index.js';

/** What every cluster operation starts from: a stored cluster and the providers that can reach its cloud. */
export interface ClusterTarget {
  readonly store: StateStore;
  readonly clusterName: string;
  /** The cluster's `spec.cloudProvider` picks one; a missing, or disabled alpha, provider stops the operation. */
  readonly providers: ProviderRegistry;
  /** Credentials, region and endpoints for the provider, and KOPS_FEATURE_FLAGS. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Create the cluster's secrets (CAs, join token) in the store when they are missing, as an apply must.
   * Otherwise (a preview) missing secrets are generated in memory only and the store stays untouched.
   */
  readonly persistSecrets?: boolean;
}
