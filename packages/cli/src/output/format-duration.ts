import {formatElapsed} from '@kopsx/core';

/** `0.8s` or `4.2s` for short runs (where whole seconds would say `0s`), `12s` and `3m05s` beyond. */
export function formatDuration(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : formatElapsed(ms);
}
