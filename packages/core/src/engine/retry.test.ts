import {describe, expect, it} from 'vitest';
import type {ErrorClass} from '../provider/index.js';
import {RetriesExhaustedError} from './errors.js';
import {backoffDelay, withRetry} from './retry.js';
import type {RetryInfo} from './retry.js';

class ClassifiedError extends Error {
  constructor(readonly errorClass: ErrorClass) {
    super(`${errorClass} failure`);
  }
}

const classify = (error: unknown): ErrorClass => (error instanceof ClassifiedError ? error.errorClass : 'fatal');

/** A call failing with the given classes in turn, then answering `ok`. */
function failingThen(...classes: ErrorClass[]): {call: () => Promise<string>; calls: () => number} {
  let calls = 0;
  return {
    call: async () => {
      const errorClass = classes[calls++];
      if (errorClass) throw new ClassifiedError(errorClass);
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('backoffDelay', () => {
  const options = {baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 60_000};

  it('draws from zero up to a ceiling that doubles per attempt and stops at the maximum', () => {
    const highest = (attempt: number) => backoffDelay(attempt, options, () => 0.9999);
    expect([1, 2, 3, 4, 5, 9].map(highest)).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  const retry = {baseDelayMs: 1, maxDelayMs: 2, deadlineMs: 1000};

  it('retries throttled, not-found, dependency and transient errors until the call succeeds', async () => {
    const call = failingThen('throttled', 'not-found', 'dependency', 'transient');
    const retries: RetryInfo[] = [];
    await expect(withRetry(call.call, {classify, retry, onRetry: (info) => retries.push(info)})).resolves.toBe('ok');
    expect(call.calls()).toBe(5);
    expect(retries.map((r) => [r.attempt, r.errorClass])).toEqual([
      [1, 'throttled'],
      [2, 'not-found'],
      [3, 'dependency'],
      [4, 'transient'],
    ]);
  });

  it('rethrows a fatal error at once', async () => {
    const call = failingThen('fatal');
    await expect(withRetry(call.call, {classify, retry})).rejects.toThrow('fatal failure');
    expect(call.calls()).toBe(1);
  });

  it('gives up when the next wait would pass the deadline, keeping the last error', async () => {
    const call = failingThen(...Array<ErrorClass>(1000).fill('throttled'));
    const error = await withRetry(call.call, {classify, retry: {...retry, deadlineMs: 30}}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.attempts).toBe(call.calls());
    expect(exhausted.attempts).toBeGreaterThan(1);
    expect(exhausted.elapsedMs).toBeLessThan(30 + 25); // timers may fire a little late, never much

    expect(exhausted.lastError).toBeInstanceOf(ClassifiedError);
    expect(exhausted.message).toMatch(/^throttled failure \(still failing after \d+ attempts in \d+\.\ds\)$/);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const call = failingThen('throttled', 'throttled');
    const slow = {baseDelayMs: 10_000, maxDelayMs: 10_000, deadlineMs: 60_000};
    const pending = withRetry(call.call, {classify, retry: slow, signal: controller.signal, random: () => 1});
    setTimeout(() => controller.abort(new Error('interrupted')), 10);
    await expect(pending).rejects.toThrow('interrupted');
    expect(call.calls()).toBe(1);
  });
});
