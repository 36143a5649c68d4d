import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';
import type {ComputeResource} from './compute-store.js';
import type {ScopeKey, ScopeType} from './scopes.js';

/** Who is asking, where, and when: what every family hook gets. */
export interface ComputeContext {
  readonly state: GceState;
  readonly project: string;
  readonly scope: ScopeKey;
  readonly now: number;
}

export interface InsertContext extends ComputeContext {
  /** The fields every resource has (kind, id, creationTimestamp, name, description, zone/region, selfLink). */
  readonly base: Json;
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface MethodCall extends ComputeContext {
  readonly body: Json;
  readonly query: URLSearchParams;
}

/** A collection-specific method: `instanceGroupManagers/G/resize`, `instances/I/setMetadata`, ... */
export interface CustomMethod {
  /** False for read methods (`listManagedInstances`): they answer with JSON instead of an operation. */
  readonly mutating: boolean;
  /** The operation's `operationType` (default: the method name). */
  readonly operationType?: string;
  run(resource: ComputeResource, call: MethodCall): Json | void;
}

/**
 * One kind of Compute resource. The generic handlers do naming, duplicates, listing, paging, filters,
 * operations and in-use checks; a family supplies what is particular to it.
 */
export interface ResourceFamily {
  /** The URL collection: `networks`. */
  readonly collection: string;
  /** `compute#network` */
  readonly kind: string;
  /** Google's name of the type in error messages: `network`, `instance_template`. */
  readonly typeName: string;
  /** Where resources of this family live; addresses and health checks live globally and in regions. */
  readonly scopes: readonly ScopeType[];
  /**
   * Builds the stored body from the client's resource: checks fields, fills defaults, resolves references.
   * Throws a GoogleApiError to refuse the call, or an OperationFailure to accept it and fail the operation.
   * Families without it are read-only (images).
   */
  create?(input: Json, ctx: InsertContext): Json;
  afterInsert?(resource: ComputeResource, ctx: ComputeContext): void;
  /** Collections whose references to a resource block its deletion with resourceInUseByAnotherResource. */
  readonly inUseBy?: readonly string[];
  /** Resources that go away with this one (an auto-mode network's subnetworks) and so do not block it. */
  ownsDependent?(resource: ComputeResource, user: ComputeResource): boolean;
  /** Runs once the deletion is allowed, before the resource is removed. */
  beforeDelete?(resource: ComputeResource, ctx: ComputeContext): void;
  /** PATCH: merges the given fields. */
  patch?(resource: ComputeResource, input: Json, ctx: ComputeContext): void;
  /** PUT: replaces the mutable fields. */
  update?(resource: ComputeResource, input: Json, ctx: ComputeContext): void;
  /** Whether it carries `labels`/`labelFingerprint` and has a `setLabels` method. */
  readonly labelled?: boolean;
  readonly methods?: Readonly<Record<string, CustomMethod>>;
}
