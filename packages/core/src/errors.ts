/**
 * Errors that reach the user. Each carries a stable `code` and, where we know it, a `hint` saying how to
 * fix the problem. The CLI's base command is the one place that turns them into a message and an exit code.
 */
/** Marks kopsx errors across copies of @kopsx/core: an installed provider plugin loads its own copy. */
const KOPSX_ERROR = Symbol.for('kopsx.error');

export class KopsxError extends Error {
  readonly [KOPSX_ERROR] = true;

  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * `instanceof` also recognises errors thrown by another copy of @kopsx/core (a provider installed as a
   * plugin brings its own), matching the class by name along the error's prototype chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !(KOPSX_ERROR in value)) return false;
    for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
      if ((proto as {constructor?: {name?: string}}).constructor?.name === this.name) return true;
    }
    return false;
  }
}

/** One problem found in a manifest, located by its field path (e.g. `spec.subnets[1].cidr`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

export class ValidationError extends KopsxError {
  constructor(
    readonly problems: readonly FieldProblem[],
    readonly source?: string,
  ) {
    const where = source ? `${source}: ` : '';
    const lines = problems.map((p) => `${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
    super(`${where}${lines.join('; ')}`, 'Invalid');
  }
}

export class NotFoundError extends KopsxError {
  constructor(message: string, hint?: string) {
    super(message, 'NotFound', hint);
  }
}

export class AlreadyExistsError extends KopsxError {
  constructor(message: string, hint?: string) {
    super(message, 'AlreadyExists', hint);
  }
}

/** The state store could not be reached or answered with something we did not expect. */
export class StateStoreError extends KopsxError {
  constructor(message: string, hint?: string) {
    super(message, 'StateStoreUnavailable', hint);
  }
}

/** Another kopsx process holds the cluster's lock. */
export class LockHeldError extends KopsxError {
  constructor(
    readonly cluster: string,
    readonly holder: LockInfo,
  ) {
    super(
      `cluster "${cluster}" is locked by ${holder.holder} running "${holder.command}" since ${holder.acquiredAt}`,
      'LockHeld',
      'wait for it to finish; if that process is gone, rerun with --force-unlock',
    );
  }
}

/** What a lock file records about its holder. */
export interface LockInfo {
  readonly holder: string;
  readonly command: string;
  readonly acquiredAt: string;
}
