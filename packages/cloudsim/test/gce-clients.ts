// Real @google-cloud/compute (REST transport) and @google-cloud/dns clients pointed at a running simulator,
// and the helpers the gce-*.test.ts files share.
import * as compute from '@google-cloud/compute';
import {DNS, type DNSConfig} from '@google-cloud/dns';
import {SIM_GCP_PROJECT, type CloudSim, type ComputeService, type GceState} from '../src/index.js';

export const PROJECT = SIM_GCP_PROJECT;

type ComputeOptions = ConstructorParameters<typeof compute.NetworksClient>[0];

/** Google's clients need an auth client; this one adds no credentials and fetches with Node's fetch. */
function fakeAuthClient<T>(): T {
  const client = {
    universeDomain: 'googleapis.com',
    getRequestHeaders: async () => new Headers(),
    fetch: (url: string | URL, init?: RequestInit) => fetch(url, init),
  };
  return client as unknown as T;
}

const CLIENTS = {
  networks: compute.NetworksClient,
  subnetworks: compute.SubnetworksClient,
  firewalls: compute.FirewallsClient,
  routers: compute.RoutersClient,
  addresses: compute.AddressesClient,
  globalAddresses: compute.GlobalAddressesClient,
  healthChecks: compute.HealthChecksClient,
  regionHealthChecks: compute.RegionHealthChecksClient,
  targetPools: compute.TargetPoolsClient,
  regionBackendServices: compute.RegionBackendServicesClient,
  forwardingRules: compute.ForwardingRulesClient,
  globalForwardingRules: compute.GlobalForwardingRulesClient,
  instanceTemplates: compute.InstanceTemplatesClient,
  instanceGroupManagers: compute.InstanceGroupManagersClient,
  instances: compute.InstancesClient,
  disks: compute.DisksClient,
  images: compute.ImagesClient,
  zones: compute.ZonesClient,
  regions: compute.RegionsClient,
  machineTypes: compute.MachineTypesClient,
  zoneOperations: compute.ZoneOperationsClient,
  regionOperations: compute.RegionOperationsClient,
  globalOperations: compute.GlobalOperationsClient,
};

export type ComputeClients = {readonly [K in keyof typeof CLIENTS]: InstanceType<(typeof CLIENTS)[K]>} & {
  /** Closes the clients that were used. */
  close(): Promise<void>;
};

/** Compute clients for a simulator, each made on first use (loading a client's protos takes a while). */
export function computeClients(sim: CloudSim): ComputeClients {
  const options: ComputeOptions = {apiEndpoint: '127.0.0.1', port: sim.port, protocol: 'http', fallback: true, authClient: fakeAuthClient<NonNullable<ComputeOptions>['authClient']>(), projectId: PROJECT};
  const made = new Map<string, {close(): Promise<void>}>();
  const clients = {close: async () => void (await Promise.all([...made.values()].map((client) => client.close())))};
  for (const [name, Client] of Object.entries(CLIENTS)) {
    Object.defineProperty(clients, name, {
      get() {
        let client = made.get(name);
        if (!client) {
          client = new Client(options);
          made.set(name, client);
        }
        return client;
      },
    });
  }
  return clients as ComputeClients;
}

type Operation = compute.protos.google.cloud.compute.v1.IOperation;
type Started = readonly [{readonly latestResponse: unknown}, ...unknown[]];

/** The Compute operation a mutating call answered with (the client wraps it as `latestResponse`). */
export function operationOf(started: Started): Operation {
  return started[0].latestResponse as Operation;
}

/**
 * Waits for what an insert/delete/... call returned, as a provider would: with the operations client of
 * the operation's scope (zone, region or global). Returns the finished operation.
 */
export async function waitFor(clients: ComputeClients, started: Started): Promise<Operation> {
  const operation = operationOf(started);
  const name = operation.name ?? '';
  const last = (link: string) => link.slice(link.lastIndexOf('/') + 1);
  let finished: Operation;
  if (operation.zone) [finished] = await clients.zoneOperations.wait({project: PROJECT, zone: last(operation.zone), operation: name});
  else if (operation.region) [finished] = await clients.regionOperations.wait({project: PROJECT, region: last(operation.region), operation: name});
  else [finished] = await clients.globalOperations.wait({project: PROJECT, operation: name});
  return finished;
}

/** Waits and fails the test when the operation ended in error. */
export async function succeeded(clients: ComputeClients, started: Started): Promise<Operation> {
  const finished = await waitFor(clients, started);
  if (finished.status !== 'DONE' || finished.error) throw new Error(`operation did not succeed: ${JSON.stringify(finished)}`);
  return finished;
}

export function dnsClient(sim: CloudSim): DNS {
  const dns = new DNS({projectId: PROJECT, apiEndpoint: `127.0.0.1:${sim.port}`, authClient: fakeAuthClient<DNSConfig['authClient']>()});
  // The client builds https://<apiEndpoint>/dns/v1; the simulator speaks plain HTTP.
  dns.baseUrl = `${sim.endpoint}/dns/v1`;
  return dns;
}

/** The simulated Google Cloud behind a simulator, for seeding and for changing its pace. */
export function gceState(sim: CloudSim): GceState {
  return sim.service<ComputeService>('compute').state;
}

export const link = (path: string) => `https://www.googleapis.com/compute/v1/projects/${PROJECT}/${path}`;
