import type {InstanceGroupRole} from '../model/index.js';
import type {ValidationFailure} from './validate-checks.js';

/** kOps' defaults, and kopsx's for what kOps does not expose. */
export const ROLLING_UPDATE_DEFAULTS = {
  drainTimeoutMs: 15 * 60_000,
  postDrainDelayMs: 5_000,
  validationTimeoutMs: 15 * 60_000,
  validateCount: 2,
  /** Pause between waves of a group, for every role. */
  intervalMs: 15_000,
  /** Pause between polls: refused evictions, replacements coming up, validation retries. */
  pollIntervalMs: 5_000,
  /**
   * Every provider that implements instance-group operations can detach an instance so that its group
   * launches a replacement, so groups surge by one unless their spec says otherwise.
   */
  defaultMaxSurge: 1,
} as const;

/** Pause between waves, per role (`--bastion-interval`, `--control-plane-interval`, `--node-interval`). */
export interface RollingUpdateIntervals {
  readonly bastionMs?: number;
  readonly controlPlaneMs?: number;
  readonly nodeMs?: number;
}

export interface RollingUpdateOptions {
  /** Replace instances without draining them or validating the cluster (e.g. when the API is down). */
  readonly cloudOnly?: boolean;
  /** Stop when a node cannot be drained; otherwise replace it anyway. @default true */
  readonly failOnDrainError?: boolean;
  /** Stop when the cluster does not validate after a wave; otherwise go on. @default true */
  readonly failOnValidateError?: boolean;
  readonly drainTimeoutMs?: number;
  /** Pause between draining a node and terminating its instance. */
  readonly postDrainDelayMs?: number;
  /** How long replacements may take to be Ready and the cluster to validate, per wave. */
  readonly validationTimeoutMs?: number;
  /** Consecutive successful validations needed after each wave. */
  readonly validateCount?: number;
  readonly intervals?: RollingUpdateIntervals;
  readonly pollIntervalMs?: number;
  /** maxSurge for groups whose spec sets none: a count or a percentage (`"25%"`). */
  readonly defaultMaxSurge?: number | string;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RollingUpdateEvent) => void;
}

/** Progress, per group and per instance. */
export type RollingUpdateEvent =
  | {
      readonly type: 'group-started';
      readonly group: string;
      readonly role: InstanceGroupRole;
      readonly instances: number;
      readonly maxSurge: number;
      readonly maxUnavailable: number;
    }
  | {readonly type: 'group-skipped'; readonly group: string; readonly reason: string}
  | {readonly type: 'group-finished'; readonly group: string; readonly replaced: number}
  | {readonly type: 'instance-detached'; readonly group: string; readonly instanceId: string}
  | {readonly type: 'node-draining'; readonly group: string; readonly instanceId: string; readonly node: string}
  | {readonly type: 'eviction-blocked'; readonly group: string; readonly node: string; readonly pod: string; readonly reason: string}
  | {
      readonly type: 'drain-failed';
      readonly group: string;
      readonly instanceId: string;
      readonly node: string;
      readonly message: string;
      /** false: the update stops here (failOnDrainError). */
      readonly continuing: boolean;
    }
  | {readonly type: 'instance-terminated'; readonly group: string; readonly instanceId: string}
  | {readonly type: 'replacements-ready'; readonly group: string}
  | {readonly type: 'cluster-validated'; readonly group: string}
  | {
      readonly type: 'validation-failed';
      readonly group: string;
      readonly failures: readonly ValidationFailure[];
      /** false: the update stops here (failOnValidateError). */
      readonly continuing: boolean;
    };

export type ResolvedRollingUpdateOptions = Required<Omit<RollingUpdateOptions, 'signal' | 'intervals'>> & {
  readonly signal?: AbortSignal;
  readonly intervals: Required<RollingUpdateIntervals>;
};

export function resolveRollingUpdateOptions(options: RollingUpdateOptions): ResolvedRollingUpdateOptions {
  const d = ROLLING_UPDATE_DEFAULTS;
  return {
    cloudOnly: options.cloudOnly ?? false,
    failOnDrainError: options.failOnDrainError ?? true,
    failOnValidateError: options.failOnValidateError ?? true,
    drainTimeoutMs: options.drainTimeoutMs ?? d.drainTimeoutMs,
    postDrainDelayMs: options.postDrainDelayMs ?? d.postDrainDelayMs,
    validationTimeoutMs: options.validationTimeoutMs ?? d.validationTimeoutMs,
    validateCount: options.validateCount ?? d.validateCount,
    intervals: {
      bastionMs: options.intervals?.bastionMs ?? d.intervalMs,
      controlPlaneMs: options.intervals?.controlPlaneMs ?? d.intervalMs,
      nodeMs: options.intervals?.nodeMs ?? d.intervalMs,
    },
    pollIntervalMs: options.pollIntervalMs ?? d.pollIntervalMs,
    defaultMaxSurge: options.defaultMaxSurge ?? d.defaultMaxSurge,
    onEvent: options.onEvent ?? (() => {}),
    ...(options.signal ? {signal: options.signal} : {}),
  };
}
