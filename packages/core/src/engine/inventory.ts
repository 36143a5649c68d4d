import {resourceKey} from '../provider/index.js';
import type {ObservedResource} from '../provider/index.js';

/**
 * What discovery found in the cloud, indexed by key (`kind/name`) and by kind. A key seen more than once
 * (a create retried after its answer was lost) keeps its first resource; the others are `extras`, which
 * a plan deletes so that reruns converge without duplicates.
 */
export class Inventory {
  /** One resource per key, in discovery order. */
  readonly resources: readonly ObservedResource[];
  /** Further resources carrying an already seen key. */
  readonly extras: readonly ObservedResource[];
  readonly #byKey = new Map<string, ObservedResource>();
  readonly #byKind = new Map<string, ObservedResource[]>();

  constructor(observed: Iterable<ObservedResource>) {
    const extras: ObservedResource[] = [];
    for (const resource of observed) {
      const key = resourceKey(resource);
      if (this.#byKey.has(key)) {
        extras.push(resource);
        continue;
      }
      this.#byKey.set(key, resource);
      const ofKind = this.#byKind.get(resource.kind) ?? [];
      ofKind.push(resource);
      this.#byKind.set(resource.kind, ofKind);
    }
    this.resources = [...this.#byKey.values()];
    this.extras = extras;
  }

  get(key: string): ObservedResource | undefined {
    return this.#byKey.get(key);
  }

  ofKind(kind: string): readonly ObservedResource[] {
    return this.#byKind.get(kind) ?? [];
  }
}
