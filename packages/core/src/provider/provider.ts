/**
 * The contract a cloud provider plugin implements. Core never names a cloud: everything cloud-specific
 * (zones, machine types, resource kinds, error codes, Terraform resource types) comes through here.
 */
import type {FieldProblem} from '../errors.js';
import type {ClusterBundle} from '../model/index.js';
import type {StateStoreFactory} from '../state/index.js';
import type {ErrorClass} from './errors.js';
import type {ResourceHandler} from './handler.js';
import type {ApiLoadBalancerStatus, InstanceGroupOperations} from './instance-groups.js';
import type {ModelInputs} from './model-inputs.js';
import type {DesiredResource} from './resource.js';
import type {TerraformBlock} from './terraform.js';

/** Bumped on every incompatible change of this contract; core refuses providers built for another. */
export const PROVIDER_API_VERSION = 1;

export type SupportLevel = 'stable' | 'beta' | 'alpha';

/** What the spec leaves empty and the cloud decides. */
export interface CloudDefaults {
  readonly controlPlaneMachineType: string;
  readonly nodeMachineType: string;
  readonly bastionMachineType: string;
  /** Image reference in the provider's own syntax (e.g. `owner/name-pattern`). */
  readonly image: string;
}

export interface ConnectOptions {
  readonly env: NodeJS.ProcessEnv;
  /** The cluster being worked on (completed when it can be): its zones tell the provider its region(s). */
  readonly cluster: ClusterBundle;
  readonly signal?: AbortSignal;
}

/** A provider bound to credentials and a region/project: the part that talks to the cloud. */
export interface CloudConnection {
  /** One handler per resource kind the model uses. */
  readonly handlers: readonly ResourceHandler[];
  /** Classify a failed call so the engine knows whether to retry. */
  classifyError(error: unknown): ErrorClass;
  /** Instance-level reads and actions for rolling update and validation. */
  readonly instanceGroups?: InstanceGroupOperations;
  /** The cluster's API load balancer, when it has one (`undefined` when it does not exist yet). */
  apiLoadBalancer?(signal?: AbortSignal): Promise<ApiLoadBalancerStatus | undefined>;
  /** Release sockets/clients. */
  close(): Promise<void>;
}

/** Files the model refers to (user-data, policies) that Terraform output writes beside the .tf.json. */
export interface ModelFile {
  readonly path: string;
  readonly content: string;
}

export interface CloudModel {
  readonly resources: readonly DesiredResource[];
  readonly files?: readonly ModelFile[];
}

export interface CloudProvider {
  readonly apiVersion: number;
  /** The name used in `spec.cloudProvider` and `--cloud` (e.g. the plugin for `@kopsx/plugin-x` says `x`). */
  readonly cloud: string;
  readonly supportLevel: SupportLevel;
  /** State-store URL schemes this provider adds (e.g. an object store of its cloud). */
  readonly stateStoreSchemes?: Readonly<Record<string, StateStoreFactory>>;
  readonly defaults: CloudDefaults;
  /** Problems with the zones a cluster names (unknown zone, zones of different regions, ...). */
  validateZones(zones: readonly string[]): FieldProblem[];
  /** The desired resources for a completed cluster spec. Pure: no cloud calls. */
  buildModel(bundle: ClusterBundle, inputs: ModelInputs): CloudModel;
  connect(options: ConnectOptions): Promise<CloudConnection>;
  /** Terraform JSON for one desired resource; references become Terraform expressions. */
  renderTerraform(resource: DesiredResource): TerraformBlock;
}
