/** Errors the engine raises. Each is a KopsxError, so the CLI prints its message and hint. */
import {KopsxError} from '../errors.js';
import type {ApplyResult} from './apply-result.js';

/** The provider's model or handlers break the engine's contract: a provider bug, not a user mistake. */
export class ModelError extends KopsxError {
  constructor(message: string) {
    super(message, 'InvalidModel', 'this is a bug in the cloud provider plugin; please report it with this message');
  }
}

/** Listing a kind of resource kept failing, so there is no reliable picture of what exists. */
export class DiscoveryError extends KopsxError {
  constructor(
    readonly kind: string,
    readonly error: unknown,
  ) {
    super(
      `could not list the cluster's ${kind} resources: ${errorMessage(error)}`,
      'DiscoveryFailed',
      'check the cloud credentials, region and endpoint, then rerun; nothing was changed',
    );
  }
}

/** A call kept failing with a retryable error until the retry deadline ran out. */
export class RetriesExhaustedError extends KopsxError {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {
    super(
      `${errorMessage(lastError)} (still failing after ${attempts} attempts in ${(elapsedMs / 1000).toFixed(1)}s)`,
      'RetriesExhausted',
      'the cloud kept answering with a temporary error; rerun later, kopsx continues from what exists',
    );
  }
}

/** Some changes of an apply failed or were skipped; `result` says which. */
export class ApplyError extends KopsxError {
  constructor(readonly result: ApplyResult) {
    const failures = result.failed.map((f) => `${f.change.key}: ${f.message}`);
    const counts = [`${result.failed.length} failed`, `${result.skipped.length} skipped`, `${result.done.length} done`];
    super(
      `apply did not finish (${counts.join(', ')})${failures.length > 0 ? `: ${failures.join('; ')}` : ''}`,
      'ApplyFailed',
      'fix the cause and rerun: kopsx reads the cloud again and continues from what exists',
    );
  }
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
