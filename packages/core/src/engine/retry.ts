import {setTimeout as sleep} from 'node:timers/promises';
import type {ErrorClass} from '../provider/index.js';
import {RetriesExhaustedError} from './errors.js';

/** Exponential backoff with full jitter, bounded by a total deadline per call. */
export interface RetryOptions {
  /** Upper bound of the first wait; doubles on every attempt. */
  readonly baseDelayMs: number;
  /** No single wait is longer than this. */
  readonly maxDelayMs: number;
  /** Give up once retrying would go past this long after the first attempt. */
  readonly deadlineMs: number;
}

/** kOps gives its tasks 10 minutes; a waiting dependency (delete order, NAT gateway) can take that long. */
export const DEFAULT_RETRY: RetryOptions = {baseDelayMs: 250, maxDelayMs: 15_000, deadlineMs: 10 * 60_000};

/** What to try again: everything but `fatal`. */
export function isRetryable(errorClass: ErrorClass): boolean {
  return errorClass !== 'fatal';
}

/**
 * The wait before retry number `attempt` (1 for the first retry): uniformly random between 0 and
 * min(maxDelayMs, baseDelayMs × 2^(attempt-1)). Full jitter spreads out clients that were throttled
 * together, which is what gets them through a rate limit.
 */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryInfo {
  readonly error: unknown;
  readonly errorClass: ErrorClass;
  /** The retry about to happen, 1 for the first. */
  readonly attempt: number;
  readonly delayMs: number;
}

export interface WithRetryOptions {
  readonly classify: (error: unknown) => ErrorClass;
  readonly retry: RetryOptions;
  /** Aborting stops waiting and rethrows the abort reason. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: RetryInfo) => void;
  /** @default Math.random */
  readonly random?: () => number;
}

/**
 * Runs `call` until it succeeds, fails with a `fatal` error (rethrown as is), or the deadline would pass
 * (RetriesExhaustedError carrying the last error).
 */
export async function withRetry<T>(call: () => Promise<T>, options: WithRetryOptions): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      const errorClass = options.classify(error);
      if (!isRetryable(errorClass)) throw error;
      const delayMs = backoffDelay(attempt, options.retry, options.random);
      const elapsedMs = performance.now() - started;
      if (elapsedMs + delayMs > options.retry.deadlineMs) {
        throw new RetriesExhaustedError(error, attempt, elapsedMs);
      }
      options.onRetry?.({error, errorClass, attempt, delayMs});
      await sleep(delayMs, undefined, {signal: options.signal}).catch((aborted: unknown) => {
        options.signal?.throwIfAborted(); // the caller's reason rather than a generic AbortError
        throw aborted;
      });
    }
  }
}
