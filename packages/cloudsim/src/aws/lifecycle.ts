/** Clock and pace of the simulated AWS: how long "pending" and its kin last. */
export interface LifecycleTiming {
  now(): number;
  /** A transitional state ends after this many milliseconds ... */
  readonly settleDelayMs: number;
  /** ... or once a Describe has shown it this many times, whichever comes first. */
  readonly settleAfterDescribes: number;
}

/**
 * The state of a resource that moves on by itself: `pending` becomes `running`, `deleting` becomes `deleted`.
 * Transitions are evaluated lazily when the state is read, so no timers run (and none outlive a test).
 */
export class Lifecycle<S extends string> {
  readonly #timing: LifecycleTiming;
  #state: S;
  #next: S | undefined;
  #since: number;
  #observed = 0;

  constructor(timing: LifecycleTiming, initial: S, next?: S) {
    this.#timing = timing;
    this.#state = initial;
    this.#next = next;
    this.#since = timing.now();
  }

  /** The current state, after any transition that is due. */
  get state(): S {
    this.#advance();
    return this.#state;
  }

  /** When the current state began, in clock milliseconds. */
  get since(): number {
    this.#advance();
    return this.#since;
  }

  /** Enters `state` now and, when `next` is given, moves on to it once settled. */
  moveTo(state: S, next?: S): void {
    this.#state = state;
    this.#next = next;
    this.#since = this.#timing.now();
    this.#observed = 0;
  }

  /** Records that a Describe call showed the resource (the "after N describes" rule). */
  observe(): void {
    if (this.#next !== undefined) this.#observed += 1;
  }

  #advance(): void {
    if (this.#next === undefined || !this.#settled()) return;
    this.#state = this.#next;
    this.#next = undefined;
    this.#since = this.#timing.now();
  }

  #settled(): boolean {
    const {settleDelayMs, settleAfterDescribes} = this.#timing;
    return this.#timing.now() - this.#since >= settleDelayMs || this.#observed >= settleAfterDescribes;
  }
}
