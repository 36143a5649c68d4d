/**
 * How a provider tells the engine what a failed cloud call means, so the engine can retry the right ones
 * (throttling, eventual consistency, dependency ordering) and stop on the rest.
 */
export type ErrorClass =
  /** Rate limited: retry with backoff. */
  | 'throttled'
  /** Not visible yet right after a create (eventual consistency): retry. */
  | 'not-found'
  /** Something still depends on it (delete order) or a dependency is not ready: retry. */
  | 'dependency'
  /** Transient server-side failure: retry. */
  | 'transient'
  /** Anything else: fail the action. */
  | 'fatal';
