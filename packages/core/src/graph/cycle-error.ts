import {KopsxError} from '../errors.js';

/** A dependency graph that must be acyclic has a cycle; `cycle` lists it closed, e.g. `[a, b, a]`. */
export class CycleError extends KopsxError {
  constructor(readonly cycle: readonly string[]) {
    super(
      `dependency cycle: ${cycle.join(' -> ')}`,
      'DependencyCycle',
      'each resource waits for the next one in this list; one of these dependencies has to go',
    );
  }
}
