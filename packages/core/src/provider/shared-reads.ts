/**
 * A provider helper for listings that several kinds read (e.g. route tables also hold routes; one load
 * balancer listing serves listeners too). The engine lists every kind with the same HandlerContext, so a
 * result is shared by the calls made with that context instead of being fetched again.
 *
 * Results live as long as their context and are dropped by `invalidate()`, which a provider calls before
 * every change, so a read never misses what this process did; failures are never kept, so a retry calls
 * the cloud again.
 */
import type {HandlerContext} from './handler.js';

export class SharedReads {
  #byContext = new WeakMap<HandlerContext, Map<string, Promise<unknown>>>();

  read<T>(ctx: HandlerContext, key: string, load: () => Promise<T>): Promise<T> {
    let entries = this.#byContext.get(ctx);
    if (!entries) this.#byContext.set(ctx, (entries = new Map()));
    const known = entries.get(key);
    if (known) return known as Promise<T>;
    const loading = load();
    entries.set(key, loading);
    const current = entries;
    loading.catch(() => {
      if (current.get(key) === loading) current.delete(key);
    });
    return loading;
  }

  /** Forget everything: called before every change. */
  invalidate(): void {
    this.#byContext = new WeakMap();
  }
}
