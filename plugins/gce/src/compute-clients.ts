/**
 * The `@google-cloud/compute` clients a connection uses, over REST (`fallback: true`), each made on first use:
 * loading a client's protos takes a while, and most commands need only a few of them.
 */
import * as compute from '@google-cloud/compute';
import type {ServiceEndpoint} from './endpoint-overrides.js';

const CLIENTS = {
  networks: compute.NetworksClient,
  subnetworks: compute.SubnetworksClient,
  firewalls: compute.FirewallsClient,
  routers: compute.RoutersClient,
  addresses: compute.AddressesClient,
  regionHealthChecks: compute.RegionHealthChecksClient,
  regionBackendServices: compute.RegionBackendServicesClient,
  forwardingRules: compute.ForwardingRulesClient,
  instanceTemplates: compute.InstanceTemplatesClient,
  instanceGroupManagers: compute.InstanceGroupManagersClient,
  instances: compute.InstancesClient,
  disks: compute.DisksClient,
  zoneOperations: compute.ZoneOperationsClient,
  regionOperations: compute.RegionOperationsClient,
  globalOperations: compute.GlobalOperationsClient,
};

export type ComputeClients = {readonly [K in keyof typeof CLIENTS]: InstanceType<(typeof CLIENTS)[K]>} & {
  /** Closes the clients that were made. */
  close(): Promise<void>;
};

type ClientOptions = NonNullable<ConstructorParameters<typeof compute.NetworksClient>[0]>;

/**
 * Stands in for credentials on an anonymous (plain HTTP) endpoint: no headers, Node's fetch. The clients want
 * an auth client even when there is nothing to authenticate.
 */
export function anonymousAuthClient<T>(): T {
  const client = {
    universeDomain: 'googleapis.com',
    getRequestHeaders: async () => new Headers(),
    fetch: (url: string | URL, init?: RequestInit) => fetch(url, init),
  };
  return client as unknown as T;
}

export function computeClients(endpoint: ServiceEndpoint, projectId: string): ComputeClients {
  const {url} = endpoint;
  const https = url.protocol === 'https:';
  const options: ClientOptions = {
    projectId,
    fallback: true,
    apiEndpoint: url.hostname,
    port: Number(url.port || (https ? 443 : 80)),
    protocol: https ? 'https' : 'http',
    // Google's endpoints use Application Default Credentials, found by the client itself.
    ...(endpoint.anonymous ? {authClient: anonymousAuthClient<ClientOptions['authClient']>()} : {}),
  };
  const made = new Map<string, {close(): Promise<void>}>();
  const clients = {
    close: async () => {
      await Promise.all([...made.values()].map((client) => client.close()));
    },
  };
  for (const [name, Client] of Object.entries(CLIENTS)) {
    Object.defineProperty(clients, name, {
      get() {
        let client = made.get(name);
        if (!client) made.set(name, (client = new Client(options)));
        return client;
      },
    });
  }
  return clients as ComputeClients;
}
