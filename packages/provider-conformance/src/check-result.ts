/** What the suite reports per check, and the error a check throws when the provider falls short. */
import type {ConformanceSession} from './session.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable identifier, e.g. `idempotence`. */
  readonly id: string;
  /** What the report's CHECK column shows, e.g. `preview after apply shows no change`. */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found (pass), what went wrong (fail), or why it did not run (skip). One line. */
  readonly detail: string;
  readonly durationMs: number;
  /** For a failure: what was thrown, with its stack. */
  readonly error?: unknown;
}

/** A check that ran to the end: passed, or decided it does not apply to this provider. */
export type CheckOutcome = {readonly status: 'pass' | 'skip'; readonly detail: string};

export interface ConformanceCheck {
  readonly id: string;
  readonly title: string;
  /** Checks that must have passed for this one to mean anything; otherwise it is skipped, saying which. */
  readonly needs?: readonly string[];
  /** Resolves with the outcome, or throws (ConformanceFailure or any error) when the provider fails it. */
  run(session: ConformanceSession): Promise<CheckOutcome>;
}

/** The provider does not behave as the contract says; the message says how. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

/** Throws a ConformanceFailure with `message` unless `condition` holds. */
export function check(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) throw new ConformanceFailure(typeof message === 'string' ? message : message());
}

export function passed(detail: string): CheckOutcome {
  return {status: 'pass', detail};
}

export function skipped(detail: string): CheckOutcome {
  return {status: 'skip', detail};
}
