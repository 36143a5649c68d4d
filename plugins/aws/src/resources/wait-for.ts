/**
 * Poll until a resource reaches a state: NAT gateways and load balancers take a minute or two on AWS, a
 * deleted autoscaling group keeps its instances for a while. Backs off from `firstDelayMs` to `maxDelayMs`,
 * growing by half each time: gentle growth notices readiness soon after it happens, at a few more polls.
 */
export interface WaitOptions {
  readonly what: string;
  readonly signal: AbortSignal;
  /** @default 50 */
  readonly firstDelayMs?: number;
  /** @default 5000 */
  readonly maxDelayMs?: number;
  /** @default 15 minutes */
  readonly timeoutMs?: number;
}

/** `check` returns the awaited value when done, or undefined to keep waiting. */
export async function waitFor<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const {what, signal, firstDelayMs = 50, maxDelayMs = 5_000, timeoutMs = 15 * 60_000} = options;
  const deadline = Date.now() + timeoutMs;
  for (let delay = firstDelayMs; ; delay = Math.min(Math.ceil(delay * 1.5), maxDelayMs)) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() + delay > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)}s`);
    await sleep(delay, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, {once: true});
  });
}
