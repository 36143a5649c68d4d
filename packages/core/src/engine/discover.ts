import type {CloudConnection, HandlerContext, ObservedResource} from '../provider/index.js';
import {DiscoveryError, errorMessage} from './errors.js';
import {Inventory} from './inventory.js';
import {mapBounded} from './map-bounded.js';
import {DEFAULT_RETRY, withRetry} from './retry.js';
import type {RetryOptions} from './retry.js';

export interface DiscoverOptions {
  /**
   * How many kinds are listed at the same time.
   * @default 10
   */
  readonly concurrency?: number;
  /** @default DEFAULT_RETRY */
  readonly retry?: Partial<RetryOptions>;
}

/**
 * What exists in the cloud for the cluster: every handler's `list()` called exactly once, several kinds
 * at a time. One filtered list per kind instead of one describe per resource keeps a plan's API calls
 * proportional to the number of kinds, not resources, which is what keeps large clusters under the
 * cloud's rate limits. Retryable failures (throttling above all) are retried with backoff.
 */
export async function discover(
  connection: CloudConnection,
  ctx: HandlerContext,
  options: DiscoverOptions = {},
): Promise<Inventory> {
  const retry = {...DEFAULT_RETRY, ...options.retry};
  const lists = await mapBounded(
    connection.handlers,
    options.concurrency ?? 10,
    async (handler): Promise<ObservedResource[]> => {
      try {
        return await withRetry(() => handler.list(ctx), {
          classify: (error) => connection.classifyError(error),
          retry,
          signal: ctx.signal,
          onRetry: ({error, attempt}) =>
            ctx.log(`retrying list of ${handler.kind} (attempt ${attempt + 1}): ${errorMessage(error)}`),
        });
      } catch (error) {
        throw new DiscoveryError(handler.kind, error);
      }
    },
  );
  return new Inventory(lists.flat());
}
