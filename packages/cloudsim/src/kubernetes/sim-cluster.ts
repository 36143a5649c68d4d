import {startApiServer, type ApiServer} from './api-server.js';
import {generateAuthority} from './certificates.js';
import {ClusterObjects, type SimNode} from './cluster-objects.js';
import type {CloudMachine, MachineCloud} from './machine-cloud.js';
import {readMachine, type Machine, type PemPair} from './machine.js';
import {schedulePending} from './scheduler.js';
import {createCoreDns, ensureNodePods} from './system-pods.js';

/** The cluster CA, and where the simulator took it from. */
export interface ClusterAuthority extends PemPair {
  readonly source: 'user-data' | 'generated';
}

interface ClusterMachine {
  readonly instance: CloudMachine;
  readonly machine: Machine;
  /** When the instance entered `running`; undefined while pending. */
  readonly runningSince: number | undefined;
}

interface RunningMachine extends ClusterMachine {
  readonly runningSince: number;
}

/** What kubelets report before a control plane states the cluster's version. */
const DEFAULT_KUBERNETES_VERSION = 'v1.35.0';

/**
 * One simulated cluster: its cloud's machines that boot as nodes, and its API objects. Like the simulated
 * clouds, it moves on lazily: `sync()` (before every API call) works out what the machines have become by
 * now, so no timers run.
 *
 * The cluster is created when a control plane that can run `kubeadm init` (its user-data carries the cluster
 * CA, or no machine's does) has booted: `nodeBootDelayMs` after its instance is running. Other machines join
 * from then on and are Ready `nodeBootDelayMs` after joining. The API answers while a control plane is Ready.
 */
export class SimCluster {
  readonly name: string;
  readonly objects: ClusterObjects;
  readonly #cloud: MachineCloud;
  readonly #bootDelayMs: () => number;
  #createdAt: number | undefined;
  #kubernetesVersion = DEFAULT_KUBERNETES_VERSION;
  #networkPlugin: string | undefined;
  #chosenAuthority: Promise<ClusterAuthority> | undefined;
  #generatedAuthority: Promise<ClusterAuthority> | undefined;
  #server: Promise<ApiServer> | undefined;

  constructor(name: string, cloud: MachineCloud, bootDelayMs: () => number) {
    this.name = name;
    this.#cloud = cloud;
    this.#bootDelayMs = bootDelayMs;
    this.objects = new ClusterObjects(() => cloud.now());
  }

  get kubernetesVersion(): string {
    return this.#kubernetesVersion;
  }

  /** Whether the API answers: the cluster exists and a control plane is Ready. */
  get serving(): boolean {
    return this.#createdAt !== undefined && [...this.objects.nodes.values()].some((node) => node.controlPlane && this.isReady(node));
  }

  /** The simulated cloud's clock (milliseconds), which tests may control. */
  now(): number {
    return this.#cloud.now();
  }

  isReady(node: SimNode): boolean {
    return this.now() >= node.readyAt;
  }

  /** Brings nodes and pods up to date with the instances and the clock. */
  sync(): void {
    const machines = this.#machines();
    const carriesCa = machines.some(({machine}) => machine.ca !== undefined);
    const canInit = ({machine}: ClusterMachine) => machine.controlPlane && (machine.ca !== undefined || !carriesCa);
    const running = machines.flatMap((m): RunningMachine[] => (m.runningSince === undefined ? [] : [{...m, runningSince: m.runningSince}]));
    if (this.#createdAt === undefined) this.#create(running.filter(canInit), machines);
    const createdAt = this.#createdAt;
    if (createdAt === undefined) return;
    this.#removeNodesOfGoneInstances(new Set(running.map(({instance}) => instance.instanceId)));
    for (const candidate of running) {
      // Machines that join wait for the API; the ones that can create the cluster do not.
      const bootStart = canInit(candidate) ? candidate.runningSince : Math.max(candidate.runningSince, createdAt);
      this.#register(candidate, bootStart);
    }
    for (const node of this.objects.nodes.values()) {
      if (!node.readySeen && this.isReady(node)) {
        node.readySeen = true;
        this.objects.touch(node.metadata);
      }
    }
    if (!this.serving) return;
    ensureNodePods(this.objects, {kubernetesVersion: this.#kubernetesVersion, networkPlugin: this.#networkPlugin});
    schedulePending(this.objects, (node) => this.isReady(node));
  }

  /** The CA the API server's certificate comes from and client certificates must be signed by. */
  authority(): Promise<ClusterAuthority> {
    if (this.#chosenAuthority) return this.#chosenAuthority;
    const ca = this.#machines().find(({machine}) => machine.ca)?.machine.ca;
    return ca ? Promise.resolve({...ca, source: 'user-data'}) : this.#generated();
  }

  /** The HTTPS server behind the cluster's load balancers (not listening: they hand it connections). */
  apiServer(): Promise<ApiServer> {
    this.#server ??= startApiServer(this);
    return this.#server;
  }

  close(): void {
    void this.#server?.then((server) => server.close(), () => undefined);
  }

  #machines(): ClusterMachine[] {
    return this.#cloud.machines(this.name).flatMap((instance) => {
      const machine = readMachine(instance);
      return machine ? [{instance, machine, runningSince: instance.runningSince}] : [];
    });
  }

  /** The first control plane to finish booting creates the cluster, with its CA (or a generated one). */
  #create(initCandidates: readonly RunningMachine[], machines: readonly ClusterMachine[]): void {
    const now = this.#cloud.now();
    const booted = initCandidates
      .map((candidate) => ({candidate, at: candidate.runningSince + this.#bootDelayMs()}))
      .filter(({at}) => at <= now)
      .sort((a, b) => a.at - b.at);
    const first = booted[0];
    if (!first) return;
    this.#createdAt = first.at;
    const {ca} = first.candidate.machine;
    this.#chosenAuthority = ca ? Promise.resolve({...ca, source: 'user-data'}) : this.#generated();
    const version = [first.candidate, ...machines].find(({machine}) => machine.kubernetesVersion)?.machine.kubernetesVersion;
    if (version) this.#kubernetesVersion = version;
    this.#networkPlugin = [first.candidate, ...machines].find(({machine}) => machine.networkPlugin)?.machine.networkPlugin;
    createCoreDns(this.objects);
  }

  #generated(): Promise<ClusterAuthority> {
    this.#generatedAuthority ??= generateAuthority(this.name).then((pair) => ({...pair, source: 'generated'}));
    return this.#generatedAuthority;
  }

  #register({instance, machine}: ClusterMachine, bootStart: number): void {
    const name = instance.nodeName;
    if (this.objects.nodes.has(name)) return;
    // A control plane of a newer release upgrades the cluster as it joins (kubeadm upgrades go one at a time).
    if (machine.controlPlane && machine.kubernetesVersion) this.#kubernetesVersion = machine.kubernetesVersion;
    const {host} = instance;
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': host.architecture,
      'node.kubernetes.io/instance-type': host.instanceType,
      'topology.kubernetes.io/region': host.region,
      'topology.kubernetes.io/zone': host.zone,
      ...(machine.controlPlane
        ? {'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': ''}
        : {}),
      ...machine.labels,
    };
    this.objects.nodes.set(name, {
      // Registered when it joined, which a lazy sync may only notice later.
      metadata: this.objects.newMeta({name, labels, createdAt: bootStart}),
      instanceId: instance.instanceId,
      controlPlane: machine.controlPlane,
      readyAt: bootStart + this.#bootDelayMs(),
      unschedulable: false,
      taints: machine.taints.map((taint) => ({...taint})),
      readySeen: false,
      host: {
        ...host,
        kubeletVersion: machine.kubernetesVersion ?? this.#kubernetesVersion,
      },
    });
  }

  /** A terminated machine's node goes, and its pods with it (ReplicaSets replace theirs elsewhere). */
  #removeNodesOfGoneInstances(runningIds: ReadonlySet<string>): void {
    for (const node of [...this.objects.nodes.values()]) {
      if (runningIds.has(node.instanceId)) continue;
      for (const pod of this.objects.podsOn(node.metadata.name)) this.objects.deletePod(pod);
      this.objects.nodes.delete(node.metadata.name);
      this.objects.nextVersion();
    }
  }
}
