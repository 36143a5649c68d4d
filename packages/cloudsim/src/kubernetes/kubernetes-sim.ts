import type {Socket} from 'node:net';
import type {SimResource} from '../service.js';
import type {MachineCloud} from './machine-cloud.js';
import {SimCluster, type ClusterAuthority} from './sim-cluster.js';

/** How the simulated clusters behave; `POST /_sim/config {"kubernetes": {...}}` changes it. */
export interface KubernetesSimConfig {
  /** How long a node takes from its instance running (or the cluster existing) to Ready (default 1000 ms). */
  readonly nodeBootDelayMs: number;
}

export const DEFAULT_KUBERNETES_CONFIG: KubernetesSimConfig = {nodeBootDelayMs: 1000};

/**
 * The Kubernetes API of every cluster in the simulated clouds. Each cloud says which machines belong to which
 * cluster (`AwsMachines`, `GceMachines`); a cluster's API answers on its front ends' ports once its first
 * control plane has booted (see `SimCluster`). A cluster lives in the first cloud that has machines of it.
 */
export class KubernetesSim {
  readonly #clouds: readonly MachineCloud[];
  readonly #initial: KubernetesSimConfig;
  readonly #clusters = new Map<string, SimCluster>();
  #config: KubernetesSimConfig;

  constructor(clouds: readonly MachineCloud[], options: Partial<KubernetesSimConfig> = {}) {
    if (clouds.length === 0) throw new TypeError('the simulated Kubernetes API needs at least one simulated cloud');
    this.#clouds = clouds;
    this.#initial = checkKubernetesConfig({...DEFAULT_KUBERNETES_CONFIG, ...definedOnly(options)});
    this.#config = this.#initial;
    for (const cloud of clouds) cloud.onApiConnection((clusterName, socket) => this.#connect(clusterName, socket));
  }

  config(): KubernetesSimConfig {
    return this.#config;
  }

  /** Merges `changes`; nodes already registered keep the boot delay they started with. */
  configure(changes: Partial<KubernetesSimConfig>): KubernetesSimConfig {
    this.#config = checkKubernetesConfig({...this.#config, ...definedOnly(changes)});
    return this.#config;
  }

  /** A cluster by name, synced to now (it exists, empty, until instances of it boot). */
  cluster(name: string): SimCluster {
    const cloud = this.#cloudOf(name);
    const key = `${cloud.name}/${name}`;
    let cluster = this.#clusters.get(key);
    if (!cluster) {
      cluster = new SimCluster(name, cloud, () => this.#config.nodeBootDelayMs);
      this.#clusters.set(key, cluster);
    }
    cluster.sync();
    return cluster;
  }

  /** The cluster's CA: from its first control plane's user-data, or generated when no user-data carries one. */
  certificateAuthority(clusterName: string): Promise<ClusterAuthority> {
    return this.cluster(clusterName).authority();
  }

  /** Every registered node of every cluster, as the admin API lists resources. */
  resources(): SimResource[] {
    const known = [...this.#clusters.values()].map((cluster) => cluster.name);
    const names = new Set([...known, ...this.#clouds.flatMap((cloud) => cloud.clusterNames())]);
    return [...names].sort().flatMap((name) => {
      const cluster = this.cluster(name);
      return [...cluster.objects.nodes.values()].map((node): SimResource => ({
        cloud: 'kubernetes',
        kind: 'node',
        id: `${name}/${node.metadata.name}`,
        name: node.metadata.name,
        // `KubernetesCluster` as on AWS, whatever the cloud, so one filter finds a cluster's nodes.
        tags: {KubernetesCluster: name, ready: String(cluster.isReady(node)), ...node.metadata.labels},
      }));
    });
  }

  /** Forgets every cluster and returns to the settings given at construction. */
  reset(): void {
    this.close();
    this.#clusters.clear();
    this.#config = this.#initial;
  }

  close(): void {
    for (const cluster of this.#clusters.values()) cluster.close();
  }

  /** The first cloud with machines of the cluster (the first cloud while none has any). */
  #cloudOf(name: string): MachineCloud {
    return this.#clouds.find((cloud) => cloud.clusterNames().includes(name)) ?? (this.#clouds[0] as MachineCloud);
  }

  /** A connection to a front end: served if its cluster's API is up, else closed (no healthy target). */
  #connect(name: string | undefined, socket: Socket): void {
    const cluster = name === undefined ? undefined : this.cluster(name);
    if (!cluster?.serving) {
      socket.destroy();
      return;
    }
    cluster.apiServer().then(
      (server) => server.accept(socket),
      () => socket.destroy(),
    );
  }
}

/** Throws a RangeError naming the first invalid setting. */
function checkKubernetesConfig(config: KubernetesSimConfig): KubernetesSimConfig {
  const {nodeBootDelayMs} = config;
  if (!(Number.isFinite(nodeBootDelayMs) && nodeBootDelayMs >= 0)) {
    throw new RangeError(`kubernetes.nodeBootDelayMs must be a number of milliseconds >= 0, got ${String(nodeBootDelayMs)}`);
  }
  return config;
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
