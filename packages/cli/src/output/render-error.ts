import {KopsxError, ValidationError} from '@kopsx/core';

export interface RenderErrorOptions {
  /** Append the stack trace (the `--verbose` flag). */
  readonly verbose: boolean;
}

/**
 * The text a user sees for a failed command: `Error: <message>`, then `  hint: <hint>` when we know how to fix
 * it. A ValidationError lists each problem on its own line instead of the joined one-line message.
 */
export function renderError(error: Error, options: RenderErrorOptions): string {
  const lines = error instanceof ValidationError ? validationLines(error) : [`Error: ${error.message}`];
  if (error instanceof KopsxError && error.hint) lines.push(`  hint: ${error.hint}`);
  if (!(error instanceof KopsxError) && !options.verbose) lines.push('  hint: rerun with --verbose to see where it failed');
  if (options.verbose && error.stack) lines.push('', error.stack);
  return lines.join('\n');
}

function validationLines(error: ValidationError): string[] {
  const what = error.source ? `${error.source} is invalid` : 'the spec is invalid';
  const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
  return [
    `Error: ${what} (${count}):`,
    ...error.problems.map((p) => `  ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`),
  ];
}
