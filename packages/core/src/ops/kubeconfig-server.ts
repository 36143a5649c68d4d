import {KopsxError, NotFoundError} from '../errors.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudConnection} from '../provider/index.js';

export interface ApiServerOptions {
  /** The completed cluster: its `spec.api` says whether clients come through DNS or a load balancer. */
  readonly bundle: ClusterBundle;
  /** Asked for the load balancer's address; only needed (and only used) when the API sits behind one. */
  readonly connection?: CloudConnection;
  /** Use the name machines inside the network use (`api.internal.<name>`). */
  readonly internal?: boolean;
  readonly signal?: AbortSignal;
}

/** Does reaching this cluster's API need the cloud (to look up its load balancer)? */
export function apiServerNeedsCloud(bundle: ClusterBundle, options: {internal?: boolean} = {}): boolean {
  return !options.internal && bundle.cluster.spec.api?.loadBalancer !== undefined;
}

/**
 * The URL clients reach the cluster's API at: its load balancer's address when the API sits behind one,
 * else the DNS name kOps publishes (`api.<name>`, or `api.internal.<name>` with `internal`).
 */
export async function resolveApiServer(options: ApiServerOptions): Promise<string> {
  const {cluster} = options.bundle;
  const name = cluster.metadata.name;
  if (options.internal) {
    if (cluster.spec.topology?.dns?.type === 'None') {
      throw new KopsxError(
        `cluster "${name}" publishes no DNS records, so its API has no internal name`,
        'NoInternalApiName',
        'omit --internal: the API is reached through its load balancer',
      );
    }
    return `https://${cluster.spec.masterInternalName ?? `api.internal.${name}`}`;
  }
  if (!apiServerNeedsCloud(options.bundle)) {
    return `https://${cluster.spec.api?.publicName ?? cluster.spec.masterPublicName ?? `api.${name}`}`;
  }
  const lookup = options.connection?.apiLoadBalancer;
  if (!options.connection || !lookup) {
    throw new KopsxError(
      `the provider of cluster "${name}" cannot report its API load balancer`,
      'ApiLoadBalancerUnsupported',
      'upgrade the provider plugin ("kopsx plugins update")',
    );
  }
  const status = await lookup.call(options.connection, options.signal);
  if (!status) {
    throw new NotFoundError(
      `cluster "${name}" has no API load balancer in the cloud yet`,
      'create the cluster\'s resources with "kopsx update cluster --yes"',
    );
  }
  return `https://${status.address}`;
}
