/**
 * How a provider manages one kind of resource. The engine calls these and nothing else: no reflection,
 * no per-resource describe calls.
 */
import type {ObservedResource, ResolvedResource} from './resource.js';

/** One field that differs between the cloud and the spec. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  /** The handler marked the field sensitive: previews, JSON plans and logs show `(sensitive)` instead. */
  readonly sensitive?: boolean;
}

/** What a handler gets on every call: the cluster it works for, cancellation and a logger. */
export interface HandlerContext {
  readonly clusterName: string;
  readonly signal: AbortSignal;
  log(message: string): void;
}

export interface ResourceHandler {
  readonly kind: string;
  /** Properties the cloud cannot change in place: a change to one of them forces a replacement. */
  readonly replaceOn?: readonly string[];
  /**
   * Delete the old resource before creating its replacement (when names must be unique in the cloud).
   * By default the replacement is created first.
   */
  readonly deleteBeforeReplace?: boolean;
  /** Properties whose values are secret: the engine never prints them (shown as `(sensitive)`). */
  readonly sensitive?: readonly string[];
  /**
   * Every resource of this kind that belongs to the cluster, found with ONE tag/label-filtered list call
   * (following pages) — never a describe per resource.
   */
  list(ctx: HandlerContext): Promise<ObservedResource[]>;
  create(ctx: HandlerContext, desired: ResolvedResource): Promise<ObservedResource>;
  /** Change fields in place. Absent when every field forces a replacement. */
  update?(
    ctx: HandlerContext,
    observed: ObservedResource,
    desired: ResolvedResource,
    changes: readonly FieldChange[],
  ): Promise<ObservedResource>;
  delete(ctx: HandlerContext, observed: ObservedResource): Promise<void>;
  /** Wait until a new or changed resource is usable (e.g. a NAT gateway `available`). */
  waitReady?(ctx: HandlerContext, observed: ObservedResource): Promise<ObservedResource>;
  /** Field comparison when plain deep equality is wrong (e.g. order-insensitive lists, normalised JSON). */
  equal?(field: string, observed: unknown, desired: unknown): boolean;
}
