import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import type {InstanceGroupRole} from '../model/index.js';
import {mergeRollingUpdateSpec, orderGroups, planWaves, resolveBudget} from './rolling-update-budget.js';
import type {BudgetInput, UpdateBudget} from './rolling-update-budget.js';

const node = (overrides: Partial<BudgetInput> = {}): BudgetInput => ({
  role: 'Node',
  spec: {},
  target: 4,
  needingUpdate: 4,
  defaultMaxSurge: 1,
  ...overrides,
});

const ids = (count: number, detached = 0) =>
  Array.from({length: count}, (_, i) => ({id: `i-${i + 1}`, detached: i < detached}));

/**
 * Plays the waves on a group whose `target` instances are all Ready, the way rollingUpdate does: detached
 * instances keep running (and serving) until terminated while the group brings itself back to its size
 * before anything in the wave is terminated; terminated ones are relaunched after. Returns the fewest Ready
 * nodes the group's instances (in service or detached) ever had.
 */
function fewestReady(target: number, instances: {id: string; detached: boolean}[], budget: UpdateBudget): number {
  const detached = new Set(instances.filter((i) => i.detached).map((i) => i.id));
  let fewest = target + detached.size;
  for (const wave of planWaves(instances, budget)) {
    for (const id of wave.detach) detached.add(id);
    const inService = target - wave.terminate.filter((id) => !detached.has(id)).length;
    for (const id of wave.terminate) detached.delete(id);
    fewest = Math.min(fewest, inService + detached.size);
  }
  return fewest;
}

describe('orderGroups', () => {
  it('takes bastions, then control planes, then node groups, by name within a role', () => {
    const groups: {name: string; role: InstanceGroupRole}[] = [
      {name: 'nodes-b', role: 'Node'},
      {name: 'control-plane-b', role: 'ControlPlane'},
      {name: 'bastions', role: 'Bastion'},
      {name: 'nodes-a', role: 'Node'},
      {name: 'control-plane-a', role: 'ControlPlane'},
    ];
    expect(orderGroups(groups).map((g) => g.name)).toEqual(['bastions', 'control-plane-a', 'control-plane-b', 'nodes-a', 'nodes-b']);
  });
});

describe('resolveBudget', () => {
  it('surges by the default and loses nothing when the spec says nothing', () => {
    expect(resolveBudget(node())).toEqual({maxSurge: 1, maxUnavailable: 0});
  });

  it('takes one down at a time when there is no surge', () => {
    expect(resolveBudget(node({defaultMaxSurge: 0}))).toEqual({maxSurge: 0, maxUnavailable: 1});
    expect(resolveBudget(node({spec: {maxSurge: 0}}))).toEqual({maxSurge: 0, maxUnavailable: 1});
  });

  it('never surges control planes and replaces them one at a time, whatever the spec', () => {
    expect(resolveBudget(node({role: 'ControlPlane', spec: {maxSurge: 3, maxUnavailable: 2}}))).toEqual({maxSurge: 0, maxUnavailable: 1});
  });

  it('rounds surge percentages up and unavailable percentages down, of the group size', () => {
    expect(resolveBudget(node({target: 10, needingUpdate: 10, spec: {maxSurge: '25%', maxUnavailable: '25%'}}))).toEqual({
      maxSurge: 3,
      maxUnavailable: 2,
    });
  });

  it('surges no more than there are instances to replace', () => {
    expect(resolveBudget(node({needingUpdate: 2, spec: {maxSurge: 5}}))).toEqual({maxSurge: 2, maxUnavailable: 0});
  });

  it('makes a budget of nothing at all one unavailable, so the update can move', () => {
    expect(resolveBudget(node({spec: {maxSurge: 0, maxUnavailable: 0}}))).toEqual({maxSurge: 0, maxUnavailable: 1});
    expect(resolveBudget(node({target: 2, spec: {maxSurge: '10%', maxUnavailable: '10%'}}))).toEqual({maxSurge: 1, maxUnavailable: 0});
  });

  it('refuses a default surge that is neither a count nor a percentage', () => {
    expect(() => resolveBudget(node({defaultMaxSurge: 'lots'}))).toThrow(ValidationError);
  });

  it('reads the group settings over the cluster settings, field by field', () => {
    expect(mergeRollingUpdateSpec({maxSurge: 2, maxUnavailable: 1}, {maxSurge: 0})).toEqual({maxSurge: 0, maxUnavailable: 1});
    expect(mergeRollingUpdateSpec(undefined, undefined)).toEqual({});
  });
});

describe('planWaves', () => {
  it('surges one instance per wave by default', () => {
    expect(planWaves(ids(3), {maxSurge: 1, maxUnavailable: 0})).toEqual([
      {detach: ['i-1'], terminate: ['i-1']},
      {detach: ['i-2'], terminate: ['i-2']},
      {detach: ['i-3'], terminate: ['i-3']},
    ]);
  });

  it('replaces one at a time without surge, detaching nothing', () => {
    expect(planWaves(ids(2), {maxSurge: 0, maxUnavailable: 1})).toEqual([
      {detach: [], terminate: ['i-1']},
      {detach: [], terminate: ['i-2']},
    ]);
  });

  it('mixes surge and unavailability in waves of their sum', () => {
    expect(planWaves(ids(5), {maxSurge: 2, maxUnavailable: 1})).toEqual([
      {detach: ['i-1', 'i-2'], terminate: ['i-1', 'i-2', 'i-3']},
      {detach: ['i-4', 'i-5'], terminate: ['i-4', 'i-5']},
    ]);
  });

  it('retires instances an interrupted run detached first, counting them as surged', () => {
    const instances = [{id: 'i-1'}, {id: 'i-2'}, {id: 'i-3', detached: true}];
    expect(planWaves(instances, {maxSurge: 1, maxUnavailable: 1})).toEqual([
      {detach: [], terminate: ['i-3', 'i-1']},
      {detach: ['i-2'], terminate: ['i-2']},
    ]);
  });

  it('replaces every instance exactly once and never drops below size minus maxUnavailable', () => {
    for (const target of [1, 2, 3, 5, 8]) {
      for (const detached of [0, 1, 2]) {
        for (const maxSurge of [0, 1, 2, 3]) {
          for (const maxUnavailable of [0, 1, 2]) {
            if (detached > target) continue;
            const budget = resolveBudget(node({target, needingUpdate: target, spec: {maxSurge, maxUnavailable}}));
            const instances = ids(target, detached);
            const terminated = planWaves(instances, budget).flatMap((wave) => wave.terminate);
            expect(terminated.sort()).toEqual(instances.map((i) => i.id).sort());
            expect(fewestReady(target, instances, budget), JSON.stringify({target, detached, budget})).toBeGreaterThanOrEqual(
              target - budget.maxUnavailable,
            );
          }
        }
      }
    }
  });
});
