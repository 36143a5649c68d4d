import {CycleError} from './cycle-error.js';

/** Options of the longest-path computations. */
export interface PathWeightOptions {
  /**
   * The cost of one node (e.g. its expected duration).
   * @default every node costs 1, so a path's weight is its number of nodes
   */
  readonly weight?: (key: string) => number;
}

/**
 * A directed graph of keyed nodes in which an edge means "runs after": `addDependency(a, b)` makes `a`
 * wait for `b`. It may hold cycles (so it can report them); the ordering methods refuse a cyclic graph.
 * Every result is deterministic: ties are broken by insertion order.
 */
export class DependencyGraph<T> {
  readonly #values = new Map<string, T>();
  readonly #dependencies = new Map<string, Set<string>>();
  readonly #dependents = new Map<string, Set<string>>();

  get size(): number {
    return this.#values.size;
  }

  addNode(key: string, value: T): this {
    if (this.#values.has(key)) throw new RangeError(`graph node "${key}" already exists`);
    this.#values.set(key, value);
    this.#dependencies.set(key, new Set());
    this.#dependents.set(key, new Set());
    return this;
  }

  /** `node` runs after `dependency`. Adding an existing edge again changes nothing. */
  addDependency(node: string, dependency: string): this {
    const dependencies = this.#edges(this.#dependencies, node);
    this.#edges(this.#dependents, dependency).add(node);
    dependencies.add(dependency);
    return this;
  }

  removeDependency(node: string, dependency: string): this {
    this.#edges(this.#dependencies, node).delete(dependency);
    this.#edges(this.#dependents, dependency).delete(node);
    return this;
  }

  hasDependency(node: string, dependency: string): boolean {
    return this.#edges(this.#dependencies, node).has(dependency);
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  get(key: string): T {
    if (!this.#values.has(key)) throw new RangeError(`no graph node "${key}"`);
    return this.#values.get(key) as T;
  }

  /** Node keys in insertion order. */
  keys(): string[] {
    return [...this.#values.keys()];
  }

  /** What `key` waits for. */
  dependenciesOf(key: string): string[] {
    return [...this.#edges(this.#dependencies, key)];
  }

  /** What waits for `key`. */
  dependentsOf(key: string): string[] {
    return [...this.#edges(this.#dependents, key)];
  }

  /** One cycle, closed (`[a, b, a]`: a waits for b, which waits for a), or undefined when there is none. */
  findCycle(): string[] | undefined {
    const finished = new Set<string>();
    const path: string[] = [];
    const onPath = new Set<string>();
    const visit = (key: string): string[] | undefined => {
      if (onPath.has(key)) return [...path.slice(path.indexOf(key)), key];
      if (finished.has(key)) return undefined;
      path.push(key);
      onPath.add(key);
      for (const dependency of this.#edges(this.#dependencies, key)) {
        const cycle = visit(dependency);
        if (cycle) return cycle;
      }
      path.pop();
      onPath.delete(key);
      finished.add(key);
      return undefined;
    };
    for (const key of this.#values.keys()) {
      const cycle = visit(key);
      if (cycle) return cycle;
    }
    return undefined;
  }

  /** Every node after all of its dependencies. Throws CycleError when there is no such order. */
  topologicalOrder(): string[] {
    const waiting = new Map<string, number>();
    const queue: string[] = [];
    for (const [key, dependencies] of this.#dependencies) {
      waiting.set(key, dependencies.size);
      if (dependencies.size === 0) queue.push(key);
    }
    // The queue only grows, so reading it by index is a FIFO that keeps insertion order among equals.
    for (let i = 0; i < queue.length; i++) {
      for (const dependent of this.#edges(this.#dependents, queue[i] as string)) {
        const left = (waiting.get(dependent) ?? 0) - 1;
        waiting.set(dependent, left);
        if (left === 0) queue.push(dependent);
      }
    }
    if (queue.length < this.size) throw new CycleError(this.findCycle() ?? []);
    return queue;
  }

  /** Every node before its dependencies: the order to tear things down. */
  reverseOrder(): string[] {
    return this.topologicalOrder().reverse();
  }

  /**
   * For each node, the weight of the heaviest chain that starts at it and follows its dependents: how
   * much work at least remains once it starts. Scheduling the highest first shortens the critical path.
   */
  heights(options: PathWeightOptions = {}): Map<string, number> {
    const weight = options.weight ?? (() => 1);
    const heights = new Map<string, number>();
    for (const key of this.reverseOrder()) {
      let tallest = 0;
      for (const dependent of this.#edges(this.#dependents, key)) {
        tallest = Math.max(tallest, heights.get(dependent) ?? 0);
      }
      heights.set(key, weight(key) + tallest);
    }
    return heights;
  }

  /** The weight of the heaviest chain in the graph (its critical path); 0 when empty. */
  depth(options: PathWeightOptions = {}): number {
    return Math.max(0, ...this.heights(options).values());
  }

  /**
   * Groups of nodes that all reach each other (Tarjan's algorithm); a node on no cycle is a group of one.
   * Used to find which edges take part in cycles.
   */
  stronglyConnectedComponents(): string[][] {
    const index = new Map<string, number>();
    const lowLink = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    const visit = (key: string): void => {
      index.set(key, index.size);
      lowLink.set(key, index.get(key) as number);
      stack.push(key);
      onStack.add(key);
      for (const dependency of this.#edges(this.#dependencies, key)) {
        if (!index.has(dependency)) {
          visit(dependency);
          lowLink.set(key, Math.min(lowLink.get(key) as number, lowLink.get(dependency) as number));
        } else if (onStack.has(dependency)) {
          lowLink.set(key, Math.min(lowLink.get(key) as number, index.get(dependency) as number));
        }
      }
      if (lowLink.get(key) !== index.get(key)) return;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== key);
      components.push(component.reverse());
    };
    for (const key of this.#values.keys()) if (!index.has(key)) visit(key);
    return components;
  }

  #edges(edges: Map<string, Set<string>>, key: string): Set<string> {
    const found = edges.get(key);
    if (!found) throw new RangeError(`no graph node "${key}"`);
    return found;
  }
}
