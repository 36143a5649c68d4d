import {discover} from '../engine/index.js';
import type {DiscoverOptions, Inventory} from '../engine/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudConnection, CloudProvider} from '../provider/index.js';

/** How an operation reads the cloud: cancellation, where provider messages go, discovery tuning. */
export interface DiscoveryOptions {
  /** Aborts connecting and listing. */
  readonly signal?: AbortSignal;
  /** Messages from discovery and handlers, e.g. retries of throttled list calls. */
  readonly onLog?: (message: string) => void;
  /** @default discover's defaults (10 kinds at a time, DEFAULT_RETRY) */
  readonly discovery?: DiscoverOptions;
}

export interface ConnectAndDiscoverInput extends DiscoveryOptions {
  readonly provider: CloudProvider;
  readonly clusterName: string;
  /** Given to the provider's connect(): its zones decide the region. */
  readonly cluster: ClusterBundle;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Connects to the cloud and lists what the cluster owns there. The connection stays open for the apply
 * that follows (the caller closes it); if listing fails it is closed here, since nobody else will.
 */
export async function connectAndDiscover(
  input: ConnectAndDiscoverInput,
): Promise<{connection: CloudConnection; inventory: Inventory}> {
  const signal = input.signal ?? new AbortController().signal;
  const connection = await input.provider.connect({env: input.env, cluster: input.cluster, signal});
  try {
    const context = {clusterName: input.clusterName, signal, log: input.onLog ?? (() => {})};
    const inventory = await discover(connection, context, input.discovery);
    return {connection, inventory};
  } catch (error) {
    await connection.close();
    throw error;
  }
}
