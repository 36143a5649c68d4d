import {createProgressReporter} from '@kopsx/core';
import type {ApplyEvent, ProgressStream} from '@kopsx/core';

/**
 * Runs an apply with its progress on stderr, so stdout keeps only the result: on a terminal one status line
 * updated in place, elsewhere (CI logs, pipes) one plain line per finished change.
 */
export async function withProgress<T>(fn: (onEvent: (event: ApplyEvent) => void) => Promise<T>): Promise<T> {
  const progress = createProgressReporter({stream: stderrStream});
  try {
    return await fn(progress.onEvent);
  } finally {
    progress.close();
  }
}

/** stderr, except that a terminal reporting no width (0 columns, as some pseudo-terminals do) counts as 100 wide. */
const stderrStream: ProgressStream = {
  write: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
  get columns() {
    return process.stderr.columns || 100;
  },
};
