/**
 * Several kinds are read from one AWS listing (route tables also hold routes and associations; one ELB
 * listing serves load balancers, target groups and listeners). The engine lists every kind with the same
 * HandlerContext, so a result is shared by the calls made with that context instead of being fetched again.
 *
 * Results live as long as their context and are dropped on any change made through this connection, so a
 * read never misses what this process did; failures are never kept, so a retry calls AWS again.
 */
import type {HandlerContext} from '@kopsx/core';

export class SharedReads {
  #byContext = new WeakMap<HandlerContext, Map<string, Promise<unknown>>>();

  read<T>(ctx: HandlerContext, key: string, load: () => Promise<T>): Promise<T> {
    let entries = this.#byContext.get(ctx);
    if (!entries) this.#byContext.set(ctx, (entries = new Map()));
    const known = entries.get(key);
    if (known) return known as Promise<T>;
    const value = load();
    entries.set(key, value);
    const current = entries;
    value.catch(() => {
      if (current.get(key) === value) current.delete(key);
    });
    return value;
  }

  /** Forget everything: called before every change. */
  invalidate(): void {
    this.#byContext = new WeakMap();
  }
}
