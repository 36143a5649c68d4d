import type {Json} from '../json.js';
import {COMPUTE_ROOT, selfLink} from '../wire/links.js';
import type {ScopeKey} from './scopes.js';

/** One stored Compute resource: where it lives, and its body in wire form (what `get` returns). */
export interface ComputeResource {
  /** The URL collection: `networks`, `instances`, ... */
  readonly collection: string;
  readonly project: string;
  readonly scope: ScopeKey;
  readonly name: string;
  /** `projects/P/<scope>/<collection>/<name>`, the key of the resource. */
  readonly path: string;
  readonly selfLink: string;
  /** Clock milliseconds at creation; instance states advance from it. */
  readonly createdAt: number;
  body: Json;
}

export function resourcePath(project: string, scope: ScopeKey, collection: string, name: string): string {
  return `projects/${project}/${scope}/${collection}/${name}`;
}

/** The Compute resources of every project, by collection then path. */
export class ComputeStore {
  readonly #collections = new Map<string, Map<string, ComputeResource>>();

  get(path: string): ComputeResource | undefined {
    const collection = /^projects\/[^/]+\/(?:global|regions\/[^/]+|zones\/[^/]+)\/([^/]+)\//.exec(path)?.[1];
    return collection === undefined ? undefined : this.#collections.get(collection)?.get(path);
  }

  /** The resource a stored link (a canonical selfLink) points at. */
  byLink(link: unknown): ComputeResource | undefined {
    return typeof link === 'string' && link.startsWith(COMPUTE_ROOT) ? this.get(link.slice(COMPUTE_ROOT.length)) : undefined;
  }

  add(resource: Omit<ComputeResource, 'path' | 'selfLink'>): ComputeResource {
    const path = resourcePath(resource.project, resource.scope, resource.collection, resource.name);
    const stored: ComputeResource = {...resource, path, selfLink: selfLink(path)};
    let table = this.#collections.get(resource.collection);
    if (!table) {
      table = new Map();
      this.#collections.set(resource.collection, table);
    }
    table.set(path, stored);
    return stored;
  }

  remove(resource: ComputeResource): void {
    this.#collections.get(resource.collection)?.delete(resource.path);
  }

  /** A collection's resources in one project, optionally in one scope, sorted by scope then name. */
  list(collection: string, project: string, scope?: ScopeKey): ComputeResource[] {
    const table = this.#collections.get(collection);
    if (!table) return [];
    return [...table.values()]
      .filter((resource) => resource.project === project && (scope === undefined || resource.scope === scope))
      .sort((a, b) => compareText(`${a.scope}/${a.name}`, `${b.scope}/${b.name}`));
  }

  all(): ComputeResource[] {
    return [...this.#collections.values()].flatMap((table) => [...table.values()]);
  }

  clear(): void {
    this.#collections.clear();
  }
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
