/**
 * Resources as the engine sees them: what a provider wants (`DesiredResource`) and what it found in the
 * cloud (`ObservedResource`). The engine knows no cloud: kinds, properties and IDs are the provider's.
 */

/** A property value that points at an attribute of another desired resource, resolved at apply time. */
export interface Ref {
  readonly $ref: {readonly kind: string; readonly name: string; readonly attribute: string};
}

export function ref(kind: string, name: string, attribute = 'id'): Ref {
  return {$ref: {kind, name, attribute}};
}

export function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/**
 * A string assembled from literal parts and references, resolved at apply time: e.g. user-data that embeds
 * the address of a load balancer created in the same apply.
 */
export interface Join {
  readonly $join: readonly (string | Ref)[];
}

export function join(...parts: (string | Ref)[]): Join {
  return {$join: parts};
}

export function isJoin(value: unknown): value is Join {
  return typeof value === 'object' && value !== null && '$join' in value;
}

export type PropertyValue =
  | string
  | number
  | boolean
  | null
  | Ref
  | Join
  | readonly PropertyValue[]
  | {readonly [key: string]: PropertyValue};

export type Properties = Readonly<Record<string, PropertyValue>>;

/** `kind/name`: the key a resource is known by in plans and graphs. */
export function resourceKey(r: {readonly kind: string; readonly name: string}): string {
  return `${r.kind}/${r.name}`;
}

export interface DesiredResource {
  /** Provider-defined kind, e.g. `network`, `subnet`, `instance-group`. */
  readonly kind: string;
  /** Stable logical name, unique within its kind for the cluster; providers record it in a tag/label. */
  readonly name: string;
  readonly properties: Properties;
  /** Ordering that no property reference expresses (keys `kind/name`). */
  readonly dependsOn?: readonly string[];
  /**
   * `owned` (default): created, changed and deleted by kopsx.
   * `shared`: given by ID in the spec (an existing network); read and referenced, never changed or deleted.
   */
  readonly lifecycle?: 'owned' | 'shared';
  /** For `shared` resources: the cloud ID the spec gave. */
  readonly id?: string;
}

/** A desired resource whose references have all been replaced by the referenced attribute values. */
export interface ResolvedResource extends DesiredResource {
  readonly properties: Readonly<Record<string, Exclude<PropertyValue, Ref | Join>>>;
}

export interface ObservedResource {
  readonly kind: string;
  /** The logical name recovered from the resource's tags/labels. */
  readonly name: string;
  /** The cloud's ID. */
  readonly id: string;
  /** Current values, comparable with the desired properties (references appear as the IDs they point at). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Values other resources may reference (`id` is always present; e.g. `arn`, `dnsName`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly lifecycle: 'owned' | 'shared';
}
