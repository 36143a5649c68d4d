/** What a provider's test hands the conformance suite: the provider, where its cloud is, and a few hooks. */
import type {CloudProvider, ClusterBundle, RetryOptions} from '@kopsx/core';

/**
 * One resource in the cloud as a hook reports it. `kind` and `id` identify it; whatever else the hook puts
 * in (name, tags, labels, size) is compared as a whole to tell whether a foreign resource was left untouched.
 */
export interface CloudResourceRef {
  readonly kind: string;
  readonly id: string;
}

/**
 * How the suite looks at the cloud without going through the provider under test: a provider that lists
 * wrongly must not be able to vouch for itself.
 */
export interface ConformanceHooks {
  /**
   * What the cloud holds for the cluster, found by the ownership tags or labels the provider writes: e.g.
   * the simulator's admin API, or the cloud's own API called directly.
   */
  ownedResources(clusterName: string): Promise<readonly CloudResourceRef[]>;
  /**
   * Creates resources that are not this cluster's: another cluster's, untagged ones, ones tagged for this
   * cluster by someone else. Called once, before the first preview; returns what it created. The suite
   * leaves these out of `ownedResources` and checks at the end that they are still there, unchanged.
   */
  seedForeignResources?(clusterName: string): Promise<readonly CloudResourceRef[]>;
  /** The given resources as they are now, leaving out those that no longer exist. Needed with seeding. */
  findResources?(resources: readonly CloudResourceRef[]): Promise<readonly CloudResourceRef[]>;
  /**
   * Makes the `call`-th call that changes something in the cloud (counting from 1, from now on) fail once
   * with a server error, as the simulator's `configure({faultAtCall})` does.
   */
  injectFault?(call: number): Promise<void>;
}

export interface ConformanceOptions {
  readonly provider: CloudProvider;
  /** The environment `provider.connect` reads: credentials, region, endpoint of the simulator. */
  readonly env: NodeJS.ProcessEnv;
  /** Zones of the cloud for the reference cluster and the zone validation check. */
  readonly zones: readonly string[];
  /**
   * The reference cluster. Default: `conformance.k8s.local` built like `kopsx create cluster --zones
   * <zones>` (one control plane, one node per zone). Machine types and images left empty are filled from
   * `provider.defaults`, as `kopsx create cluster` does.
   */
  readonly cluster?: ClusterBundle;
  readonly hooks: ConformanceHooks;
  /** A zone name the cloud does not have. @default 'kopsx-nowhere-9z' */
  readonly unknownZone?: string;
  /**
   * The machine type the machine-type check moves the node group to. Default: the first of the provider's
   * default control-plane, bastion and node machine types that differs from the group's.
   */
  readonly alternateMachineType?: string;
  /**
   * Which mutating calls the fault check breaks, one run each. Default: the first, and the one halfway
   * through creating the reference cluster.
   */
  readonly faultAtCalls?: readonly number[];
  /** How the engine retries cloud calls. @default SIMULATOR_RETRY (fast; use DEFAULT_RETRY for a real cloud) */
  readonly retry?: Partial<RetryOptions>;
  /** How long instance groups may take to launch their instances. @default 30 s */
  readonly instanceWaitMs?: number;
  /** Time limit of each check when run by describeConformance. @default 120 s */
  readonly checkTimeoutMs?: number;
}

/** Retries suited to a simulator on 127.0.0.1: short waits, and a deadline that still rides out its delays. */
export const SIMULATOR_RETRY: RetryOptions = {baseDelayMs: 5, maxDelayMs: 100, deadlineMs: 30_000};
