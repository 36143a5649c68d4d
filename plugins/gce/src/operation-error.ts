/**
 * A Compute operation that finished with an error. Google accepts a change (the call answers 200 with an
 * operation), then reports its failure in the operation: quota exceeded, a resource still in use, ...
 */
export interface OperationErrorDetail {
  readonly code?: string | null;
  readonly message?: string | null;
}

export class OperationError extends Error {
  constructor(
    /** What was being done, e.g. `insert instanceGroupManagers/a-nodes-...`. */
    readonly what: string,
    /** The HTTP status the change would have answered with had it failed at once (429, 400, 403, 500...). */
    readonly httpStatus: number | undefined,
    readonly errors: readonly OperationErrorDetail[],
  ) {
    const reasons = errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ');
    super(`${what} failed: ${reasons || `HTTP ${httpStatus ?? '?'}`}`);
    this.name = 'OperationError';
  }
}
