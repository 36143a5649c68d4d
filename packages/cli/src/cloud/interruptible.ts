import {setMaxListeners} from 'node:events';
import {KopsxError} from '@kopsx/core';

/** The user pressed Ctrl-C: what was running stopped cleanly, and the cluster's lock was released. */
export class InterruptedError extends KopsxError {
  constructor(what: string) {
    super(
      `interrupted: ${what} stopped before it finished`,
      'Interrupted',
      'run the command again when you are ready: kopsx reads the cloud again and continues from what exists',
    );
  }
}

export interface InterruptibleOptions {
  /** What is stopped, for the error: `update cluster`. */
  readonly what: string;
  /** Told once, on the first Ctrl-C. */
  readonly onInterrupt: (message: string) => void;
}

/**
 * Runs `fn` with a signal that Ctrl-C aborts. The first Ctrl-C only stops new cloud calls from starting, so
 * the calls in flight finish, `finally` blocks run and the cluster's lock is released; a second one quits at
 * once. Whatever `fn` throws after an interruption becomes an InterruptedError.
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>, options: InterruptibleOptions): Promise<T> {
  const controller = new AbortController();
  // Every concurrent cloud call listens on the signal; that is many listeners, not a leak.
  setMaxListeners(0, controller.signal);
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    options.onInterrupt('Interrupted: letting the calls in flight finish, then stopping (Ctrl-C again quits at once and may leave the lock)');
    controller.abort(new InterruptedError(options.what));
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? new InterruptedError(options.what) : error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
