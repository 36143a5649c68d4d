import type {Socket} from 'node:net';
import type {AwsState} from '../aws/aws-state.js';
import type {LoadBalancer} from '../aws/elbv2/elbv2-state.js';
import type {SimResource} from '../service.js';
import {CLUSTER_TAG} from './machine.js';
import {SimCluster, type ClusterAuthority} from './sim-cluster.js';

/** How the simulated clusters behave; `POST /_sim/config {"kubernetes": {...}}` changes it. */
export interface KubernetesSimConfig {
  /** How long a node takes from its instance running (or the cluster existing) to Ready (default 1000 ms). */
  readonly nodeBootDelayMs: number;
}

export const DEFAULT_KUBERNETES_CONFIG: KubernetesSimConfig = {nodeBootDelayMs: 1000};

/**
 * The Kubernetes API of every cluster in the simulated AWS account. A cluster is named by the
 * `KubernetesCluster` tag of its instances and load balancers; its API answers on its load balancers' ports
 * once its first control plane has booted (see `SimCluster`).
 */
export class KubernetesSim {
  readonly #aws: AwsState;
  readonly #initial: KubernetesSimConfig;
  readonly #clusters = new Map<string, SimCluster>();
  #config: KubernetesSimConfig;

  constructor(aws: AwsState, options: Partial<KubernetesSimConfig> = {}) {
    this.#aws = aws;
    this.#initial = checkKubernetesConfig({...DEFAULT_KUBERNETES_CONFIG, ...definedOnly(options)});
    this.#config = this.#initial;
    aws.elbv2.frontends.onConnection((balancer, socket) => this.#connect(balancer, socket));
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
    let cluster = this.#clusters.get(name);
    if (!cluster) {
      cluster = new SimCluster(name, this.#aws, () => this.#config.nodeBootDelayMs);
      this.#clusters.set(name, cluster);
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
    const names = new Set([...this.#clusters.keys(), ...this.#aws.ec2.instances.all().flatMap((i) => i.tags.get(CLUSTER_TAG) ?? [])]);
    return [...names].sort().flatMap((name) => {
      const cluster = this.cluster(name);
      return [...cluster.objects.nodes.values()].map((node): SimResource => ({
        cloud: 'kubernetes',
        kind: 'node',
        id: `${name}/${node.metadata.name}`,
        name: node.metadata.name,
        tags: {[CLUSTER_TAG]: name, ready: String(cluster.isReady(node)), ...node.metadata.labels},
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

  /** A connection to a load balancer: served if its cluster's API is up, else closed (no healthy target). */
  #connect(balancer: LoadBalancer, socket: Socket): void {
    const name = balancer.tags.get(CLUSTER_TAG);
    const cluster = name === undefined || balancer.lifecycle.state !== 'active' ? undefined : this.cluster(name);
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
