/**
 * What rolling update and validation need from a cloud's instance groups (an autoscaling group, a managed
 * instance group, a scale set, or droplets the provider counts itself). Core decides the order and pace;
 * the provider only reports and acts on single instances.
 */
export type CloudInstanceStatus = 'pending' | 'running' | 'stopping' | 'terminated';

export interface CloudInstance {
  readonly id: string;
  readonly status: CloudInstanceStatus;
  /** The instance runs an older template/configuration than its group's current one. */
  readonly needsUpdate: boolean;
  /** The Kubernetes node name the instance registers as (e.g. its private DNS name), when known. */
  readonly nodeName?: string;
  /** Detached from its group: no longer counted towards the group's size, awaiting termination. */
  readonly detached?: boolean;
}

export interface CloudInstanceGroup {
  /** The kopsx instance group name (`metadata.name`). */
  readonly name: string;
  readonly minSize: number;
  readonly maxSize: number;
  /** How many instances the cloud is asked to keep. */
  readonly desiredSize: number;
  readonly instances: readonly CloudInstance[];
}

export interface InstanceGroupOperations {
  /** Every instance group of the cluster with its instances, in one batched read. */
  list(signal?: AbortSignal): Promise<CloudInstanceGroup[]>;
  /**
   * Take an instance out of its group's count so the group launches a replacement now (surge), while the
   * instance keeps running until it is terminated. Clouds that cannot do this omit it: their rolling updates
   * never surge (maxSurge 0, maxUnavailable at least 1).
   */
  detach?(group: string, instanceId: string, signal?: AbortSignal): Promise<void>;
  /** Terminate an instance; the group replaces it unless it was detached first. */
  terminate(group: string, instanceId: string, signal?: AbortSignal): Promise<void>;
}

/** The API load balancer as the cloud sees it: where clients reach the API, and whether it has healthy targets. */
export interface ApiLoadBalancerStatus {
  /** Host name (or address) clients use: `https://<address>`. */
  readonly address: string;
  readonly healthyTargets: number;
  readonly totalTargets: number;
}
