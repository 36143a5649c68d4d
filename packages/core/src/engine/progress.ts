import type {ApplyEvent, StepAction, StepInfo} from './apply-result.js';

/** Where progress goes: the CLI passes stderr. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /**
   * One updating status line instead of a line per event.
   * @default stream.isTTY
   */
  readonly tty?: boolean;
  /** @default performance.now */
  readonly now?: () => number;
  /**
   * How often the status line refreshes its elapsed time.
   * @default 1000
   */
  readonly refreshMs?: number;
}

export interface ProgressReporter {
  readonly onEvent: (event: ApplyEvent) => void;
  /** Stops refreshing; on a TTY leaves the last status on its own line. */
  close(): void;
}

/**
 * Shows an apply as it runs. On a terminal: one line rewritten in place,
 * `[done/total] current: kind/name, ... (elapsed 12s)`, with failures and skips printed above it.
 * Elsewhere (CI logs, pipes): one plain line per outcome, `created kind/name (id)`,
 * `retrying kind/name: <reason>`, `failed ...`, `skipped ...`.
 */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  return (options.tty ?? options.stream.isTTY ?? false) ? new StatusLine(options) : new EventLines(options.stream);
}

const PAST: Record<StepAction, string> = {create: 'created', update: 'updated', delete: 'deleted'};

/** The permanent line for an event, or undefined for events that only move the status along. */
function describe(event: ApplyEvent): string | undefined {
  switch (event.type) {
    case 'done':
      return `${PAST[event.step.action]} ${event.step.key} (${event.id})`;
    case 'retry':
      return `retrying ${event.step.action} ${event.step.key} (attempt ${event.attempt}): ${event.message}`;
    case 'failed':
      return `failed to ${event.step.action} ${event.step.key}: ${event.message}`;
    case 'skipped':
      return `skipped ${event.step.action} ${event.step.key}: ${event.reason}`;
    case 'log':
      return `${event.step.key}: ${event.message}`;
    default:
      return undefined;
  }
}

class EventLines implements ProgressReporter {
  readonly #stream: ProgressStream;

  constructor(stream: ProgressStream) {
    this.#stream = stream;
  }

  readonly onEvent = (event: ApplyEvent): void => {
    const line = describe(event);
    if (line !== undefined) this.#stream.write(`${line}\n`);
  };

  close(): void {}
}

class StatusLine implements ProgressReporter {
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #started: number;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #current = new Map<string, StepInfo>();
  #total = 0;
  #finished = 0;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream;
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
    this.#timer = setInterval(() => this.#render(), options.refreshMs ?? 1000);
    this.#timer.unref();
  }

  readonly onEvent = (event: ApplyEvent): void => {
    if (event.type === 'begin') this.#total = event.total;
    if (event.type === 'start') this.#current.set(`${event.step.action} ${event.step.key}`, event.step);
    if (event.type === 'done' || event.type === 'failed' || event.type === 'skipped') {
      this.#current.delete(`${event.step.action} ${event.step.key}`);
      this.#finished++;
    }
    // Only what needs attention stays on screen; the rest is summed up by the counter.
    if (event.type === 'failed' || event.type === 'skipped') this.#stream.write(`\r\x1b[2K${describe(event)}\n`);
    this.#render();
  };

  close(): void {
    clearInterval(this.#timer);
    this.#render();
    this.#stream.write('\n');
  }

  #render(): void {
    const names = [...this.#current.values()].map((step) => step.key);
    const idle = this.#total > 0 && this.#finished === this.#total ? 'finished' : 'waiting';
    const current = names.length > 0 ? `current: ${names.join(', ')}` : idle;
    const elapsed = ` (elapsed ${formatElapsed(this.#now() - this.#started)})`;
    let line = `[${this.#finished}/${this.#total}] ${current}`;
    const width = (this.#stream.columns ?? 100) - 1 - elapsed.length;
    if (line.length > width) line = `${line.slice(0, Math.max(0, width - 3))}...`;
    this.#stream.write(`\r\x1b[2K${line}${elapsed}`);
  }
}

/** `12s`, or `3m05s` from a minute on. */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
