import type {Taint} from './kubeadm-config.js';
import {newUid, objectKey, randomSuffix, timestamp, type ObjectMeta, type OwnerReference} from './object-meta.js';

/** A node, as the simulator keeps it; `nodes.ts` renders the API object. */
export interface SimNode {
  readonly metadata: ObjectMeta;
  readonly instanceId: string;
  readonly controlPlane: boolean;
  /** When the kubelet reports Ready (clock milliseconds). */
  readonly readyAt: number;
  unschedulable: boolean;
  taints: Taint[];
  /** Whether a read has seen it Ready, so the change bumps its resourceVersion once. */
  readySeen: boolean;
  readonly host: {
    /** `spec.providerID`: how the cloud's controller names the instance. */
    readonly providerId: string;
    readonly privateIp: string;
    readonly region: string;
    readonly zone: string;
    readonly instanceType: string;
    readonly architecture: string;
    readonly kubeletVersion: string;
  };
}

/** The fields of a pod spec the simulator reads; the rest is kept as the client sent it. */
export type PodSpec = Record<string, unknown> & {nodeName?: string};

export interface SimPod {
  readonly metadata: ObjectMeta;
  spec: PodSpec;
  readonly createdAt: number;
  podIP?: string;
  /** The node the pod this one replaces was on: the scheduler prefers any other. */
  avoidNode?: string;
}

export interface SimBudget {
  readonly metadata: ObjectMeta;
  readonly spec: Record<string, unknown>;
}

export interface NewMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly generateName?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly ownerReferences?: readonly OwnerReference[];
  /** When the object came to be, if not now (clock milliseconds). */
  readonly createdAt?: number;
}

/**
 * The API objects of one cluster. Every change takes the next resourceVersion, a counter shared by all kinds
 * as etcd's revision is. Deleting a pod that a ReplicaSet owns makes its replacement, as the controller would.
 */
export class ClusterObjects {
  readonly nodes = new Map<string, SimNode>();
  /** By `namespace/name`. */
  readonly pods = new Map<string, SimPod>();
  readonly budgets = new Map<string, SimBudget>();
  /** UIDs of the controllers that own system pods (DaemonSets, ReplicaSets), which are not objects here. */
  readonly #controllerUids = new Map<string, string>();
  readonly #now: () => number;
  #version = 0;
  #podAddresses = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The latest resourceVersion, for list metadata. */
  get version(): string {
    return String(this.#version);
  }

  nextVersion(): string {
    this.#version += 1;
    return String(this.#version);
  }

  newMeta(spec: NewMeta): ObjectMeta {
    return {
      name: spec.name,
      ...(spec.namespace === undefined ? {} : {namespace: spec.namespace}),
      uid: newUid(),
      resourceVersion: this.nextVersion(),
      creationTimestamp: timestamp(spec.createdAt ?? this.#now()),
      ...(spec.generateName === undefined ? {} : {generateName: spec.generateName}),
      labels: {...spec.labels},
      annotations: {...spec.annotations},
      ...(spec.ownerReferences?.length ? {ownerReferences: spec.ownerReferences.map((owner) => ({...owner}))} : {}),
    };
  }

  /** An owner reference to a controller the simulator stands in for; the same UID every time. */
  controllerReference(kind: 'DaemonSet' | 'ReplicaSet', name: string): OwnerReference {
    const key = `${kind}/${name}`;
    const uid = this.#controllerUids.get(key) ?? newUid();
    this.#controllerUids.set(key, uid);
    return {apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true};
  }

  touch(meta: ObjectMeta): void {
    meta.resourceVersion = this.nextVersion();
  }

  addPod(metadata: ObjectMeta, spec: PodSpec): SimPod {
    const pod: SimPod = {metadata, spec, createdAt: this.#now()};
    this.pods.set(objectKey(metadata.namespace ?? 'default', metadata.name), pod);
    return pod;
  }

  podsOn(nodeName: string): SimPod[] {
    return [...this.pods.values()].filter((pod) => pod.spec.nodeName === nodeName);
  }

  /** Binds a pending pod; pods not on the host network get the next address of the pod range. */
  bind(pod: SimPod, node: SimNode): void {
    pod.spec.nodeName = node.metadata.name;
    if (pod.spec.hostNetwork !== true) {
      this.#podAddresses += 1;
      pod.podIP = `100.96.${Math.floor(this.#podAddresses / 250) % 256}.${(this.#podAddresses % 250) + 2}`;
    }
    this.touch(pod.metadata);
  }

  /** Deletes a pod; a ReplicaSet's pod is replaced by a new, unscheduled one with the same template. */
  deletePod(pod: SimPod): void {
    this.pods.delete(objectKey(pod.metadata.namespace ?? 'default', pod.metadata.name));
    this.nextVersion();
    const owner = pod.metadata.ownerReferences?.find((reference) => reference.kind === 'ReplicaSet' && reference.controller !== false);
    if (!owner) return;
    const {nodeName: _nodeName, ...template} = structuredClone(pod.spec);
    const replacement = this.addPod(this.newMeta({
      name: `${owner.name}-${randomSuffix()}`,
      namespace: pod.metadata.namespace,
      generateName: `${owner.name}-`,
      labels: pod.metadata.labels,
      annotations: pod.metadata.annotations,
      ownerReferences: pod.metadata.ownerReferences,
    }), template);
    if (pod.spec.nodeName !== undefined) replacement.avoidNode = pod.spec.nodeName;
  }

  clear(): void {
    this.#controllerUids.clear();
    this.nodes.clear();
    this.pods.clear();
    this.budgets.clear();
  }
}
