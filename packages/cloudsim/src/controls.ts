import {setTimeout as sleep} from 'node:timers/promises';
import {seededRandom} from './seeded-random.js';
import type {SimAction} from './service.js';

/** The knobs that make the simulated clouds slow or unreliable. */
export interface SimConfig {
  /** Delay added before every simulated-service call, in milliseconds. */
  readonly latencyMs: number;
  /** Fraction (0..1) of calls answered with the service's own throttling error. */
  readonly throttleRate: number;
  /** The N-th mutating call after this was set (counting from 1) fails once with the service's fault; 0 = never. */
  readonly faultAtCall: number;
}

export const DEFAULT_SIM_CONFIG: SimConfig = {latencyMs: 0, throttleRate: 0, faultAtCall: 0};

/** What happens to one call: it reaches the service, or the simulator answers for it. */
export type Verdict = 'pass' | 'throttle' | 'fault';

/**
 * Latency, throttling and fault injection. Throttling draws from a seeded PRNG so runs are reproducible;
 * throttled calls never reached the service, so they do not count towards `faultAtCall`.
 */
export class SimControls {
  readonly #seed: number;
  #random: () => number;
  #config: SimConfig = DEFAULT_SIM_CONFIG;
  #mutatingCalls = 0;

  constructor(seed: number) {
    this.#seed = seed;
    this.#random = seededRandom(seed);
  }

  get config(): SimConfig {
    return this.#config;
  }

  /** Merges `changes` into the current config; setting `faultAtCall` restarts the count of mutating calls. */
  configure(changes: Partial<SimConfig>): SimConfig {
    checkSimConfig(changes);
    this.#config = {...this.#config, ...definedOnly(changes)};
    if (changes.faultAtCall !== undefined) this.#mutatingCalls = 0;
    return this.#config;
  }

  reset(): void {
    this.#config = DEFAULT_SIM_CONFIG;
    this.#mutatingCalls = 0;
    this.#random = seededRandom(this.#seed);
  }

  /** Decides the fate of one call; call it exactly once per simulated-service request, in arrival order. */
  judge(action: SimAction): Verdict {
    const {throttleRate, faultAtCall} = this.#config;
    if (throttleRate > 0 && this.#random() < throttleRate) return 'throttle';
    if (!action.mutating) return 'pass';
    this.#mutatingCalls += 1;
    if (faultAtCall > 0 && this.#mutatingCalls === faultAtCall) {
      this.#config = {...this.#config, faultAtCall: 0};
      return 'fault';
    }
    return 'pass';
  }

  async delay(): Promise<void> {
    if (this.#config.latencyMs > 0) await sleep(this.#config.latencyMs);
  }
}

/** Throws a RangeError naming the first invalid setting. */
export function checkSimConfig(changes: Partial<SimConfig>): void {
  const {latencyMs, throttleRate, faultAtCall} = changes;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new RangeError(`latencyMs must be a number of milliseconds >= 0, got ${String(latencyMs)}`);
  }
  if (throttleRate !== undefined && !(throttleRate >= 0 && throttleRate <= 1)) {
    throw new RangeError(`throttleRate must be between 0 and 1, got ${String(throttleRate)}`);
  }
  if (faultAtCall !== undefined && !(Number.isInteger(faultAtCall) && faultAtCall >= 0)) {
    throw new RangeError(`faultAtCall must be a whole number >= 0 (0 = no fault), got ${String(faultAtCall)}`);
  }
}

function definedOnly(changes: Partial<SimConfig>): Partial<SimConfig> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
