/**
 * The arithmetic of a rolling update, as pure functions: the order of groups, how many instances a group may
 * surge or lose at once, and the waves of replacements that follow from it.
 */
import {ValidationError} from '../errors.js';
import type {InstanceGroupRole, RollingUpdateSpec} from '../model/index.js';

/** How far a group may go above its size (surge) and below it (unavailable) while it is replaced. */
export interface UpdateBudget {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

export interface BudgetInput {
  readonly role: InstanceGroupRole;
  /** The group's settings over the cluster's (see mergeRollingUpdateSpec). */
  readonly spec: RollingUpdateSpec;
  /** The group's size: percentages are of this. */
  readonly target: number;
  /** How many instances need replacing: no point surging more. */
  readonly needingUpdate: number;
  /** maxSurge where the spec sets none: a count or a percentage. */
  readonly defaultMaxSurge: number | string;
}

const ROLE_RANK: Readonly<Record<InstanceGroupRole, number>> = {Bastion: 0, ControlPlane: 1, Node: 2};

/** kOps' order: bastions, then control planes, then node groups; by name within a role. */
export function orderGroups<T extends {readonly name: string; readonly role: InstanceGroupRole}>(groups: readonly T[]): T[] {
  return [...groups].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.name.localeCompare(b.name));
}

/** The instance group's settings field by field over the cluster's, as kOps reads them. */
export function mergeRollingUpdateSpec(cluster: RollingUpdateSpec | undefined, group: RollingUpdateSpec | undefined): RollingUpdateSpec {
  return {...cluster, ...group};
}

/**
 * A group's budget, as kOps works it out: control planes never surge and go one at a time; otherwise
 * maxSurge (percentages rounded up) defaults to `defaultMaxSurge`, maxUnavailable (rounded down) to 1 when
 * there is no surge and 0 otherwise, and a budget of nothing at all becomes one unavailable so that the
 * update can move.
 */
export function resolveBudget(input: BudgetInput): UpdateBudget {
  if (input.role === 'ControlPlane') return {maxSurge: 0, maxUnavailable: 1};
  const surge = scaled(input.spec.maxSurge ?? input.defaultMaxSurge, input.target, {roundUp: true}, 'maxSurge');
  const unavailable =
    input.spec.maxUnavailable === undefined
      ? surge === 0 ? 1 : 0
      : scaled(input.spec.maxUnavailable, input.target, {roundUp: false}, 'maxUnavailable');
  return {
    maxSurge: Math.min(surge, input.needingUpdate),
    maxUnavailable: surge === 0 && unavailable === 0 ? 1 : unavailable,
  };
}

/** One step of a group's update: detach some instances (the group launches replacements), then retire all. */
export interface Wave {
  /** Detached first; their replacements must be Ready before anything in the wave is terminated. */
  readonly detach: readonly string[];
  /** Drained and terminated: the detached ones (no replacement follows) and the rest (replaced by the group). */
  readonly terminate: readonly string[];
}

/**
 * Splits the instances to replace into waves of at most maxSurge + maxUnavailable. In each wave up to maxSurge
 * instances are surged (detached now, or by an earlier run) and at most maxUnavailable are terminated without
 * a replacement ready, so a group never has fewer than its size minus maxUnavailable in service.
 */
export function planWaves(instances: readonly {readonly id: string; readonly detached?: boolean}[], budget: UpdateBudget): Wave[] {
  const waveSize = Math.max(1, budget.maxSurge + budget.maxUnavailable);
  // Instances an interrupted run detached already have their replacement: they go first.
  const queue = [...instances.filter((i) => i.detached), ...instances.filter((i) => !i.detached)];
  const waves: Wave[] = [];
  for (let start = 0; start < queue.length; start += waveSize) {
    const wave = queue.slice(start, start + waveSize);
    const surgeSlots = Math.min(budget.maxSurge, wave.length) - wave.filter((i) => i.detached).length;
    const detach = wave.filter((i) => !i.detached).slice(0, Math.max(0, surgeSlots));
    waves.push({detach: detach.map((i) => i.id), terminate: wave.map((i) => i.id)});
  }
  return waves;
}

/** A count, or a percentage of `total` (`"25%"`). */
function scaled(value: number | string, total: number, options: {roundUp: boolean}, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value)?.[1] : undefined;
  if (percent === undefined) {
    throw new ValidationError([{path: `rollingUpdate.${field}`, message: `"${String(value)}" is not a count or a percentage like "25%"`}]);
  }
  const exact = (Number(percent) * total) / 100;
  return options.roundUp ? Math.ceil(exact) : Math.floor(exact);
}
