/**
 * Drives single handlers against the simulator: creates a resource of a real model together with the resources
 * it refers to (and nothing else), resolving references from what the creates returned, so that each handler is
 * tested on its own with realistic properties.
 */
import {isJoin, isRef, resourceKey} from '@kopsx/core';
import type {
  CloudConnection,
  DesiredResource,
  FieldChange,
  ObservedResource,
  PropertyValue,
  ResolvedResource,
  ResourceHandler,
} from '@kopsx/core';
import type {SimFixture} from './sim-fixture.js';

export class HandlerHarness {
  readonly #created = new Map<string, ObservedResource>();
  readonly #byKey: ReadonlyMap<string, DesiredResource>;

  constructor(
    private readonly fx: SimFixture,
    private readonly connection: CloudConnection,
    readonly clusterName: string,
    model: readonly DesiredResource[],
  ) {
    this.#byKey = new Map(model.map((r) => [resourceKey(r), r]));
  }

  get ctx() {
    return this.fx.context(this.clusterName);
  }

  handler(kind: string): ResourceHandler {
    const found = this.connection.handlers.find((h) => h.kind === kind);
    if (!found) throw new Error(`no handler for ${kind}`);
    return found;
  }

  desired(key: string): DesiredResource {
    const resource = this.#byKey.get(key);
    if (!resource) throw new Error(`the model has no ${key}`);
    return resource;
  }

  /** Creates `key` after everything it refers to, once. */
  async ensure(key: string): Promise<ObservedResource> {
    const known = this.#created.get(key);
    if (known) return known;
    const resource = this.desired(key);
    for (const dependency of dependencies(resource)) await this.ensure(dependency);
    const handler = this.handler(resource.kind);
    let observed = await handler.create(this.ctx, this.resolve(resource));
    if (handler.waitReady) observed = await handler.waitReady(this.ctx, observed);
    this.#created.set(key, observed);
    return observed;
  }

  /** The desired resource with its references replaced by the attributes of what was created. */
  resolve(resource: DesiredResource): ResolvedResource {
    const value = (v: PropertyValue): PropertyValue => {
      if (isRef(v)) {
        const target = this.#created.get(resourceKey(v.$ref))?.attributes[v.$ref.attribute];
        if (target === undefined) throw new Error(`${resourceKey(resource)} refers to ${resourceKey(v.$ref)}.${v.$ref.attribute}, not created`);
        return target;
      }
      if (isJoin(v)) return v.$join.map(value).join('');
      if (Array.isArray(v)) return v.map(value);
      if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, value(item)]));
      return v;
    };
    return {...resource, properties: Object.fromEntries(Object.entries(resource.properties).map(([k, v]) => [k, value(v)]))} as ResolvedResource;
  }

  async list(kind: string): Promise<ObservedResource[]> {
    return this.handler(kind).list(this.ctx);
  }

  async find(kind: string, name: string): Promise<ObservedResource | undefined> {
    return (await this.list(kind)).find((r) => r.name === name);
  }
}

/** The fields where the cloud differs from the desired resource, as the engine's diff would find them. */
export function differences(handler: ResourceHandler, desired: ResolvedResource, observed: ObservedResource): FieldChange[] {
  return Object.entries(desired.properties).flatMap(([field, after]) => {
    const before = observed.properties[field];
    const same = JSON.stringify(before) === JSON.stringify(after) || (handler.equal?.(field, before, after) ?? false);
    return same ? [] : [{field, before, after}];
  });
}

function dependencies(resource: DesiredResource): string[] {
  const refs = (v: PropertyValue): string[] => {
    if (isRef(v)) return [resourceKey(v.$ref)];
    if (isJoin(v)) return v.$join.filter(isRef).map((part) => resourceKey(part.$ref));
    if (Array.isArray(v)) return v.flatMap(refs);
    if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(refs);
    return [];
  };
  return [...new Set([...Object.values(resource.properties).flatMap(refs), ...(resource.dependsOn ?? [])])];
}
