/**
 * `kopsx rolling-update cluster --yes`: replaces the instances the plan found outdated, group by group in
 * kOps' order (bastions, control planes, node groups), each instance exactly once. Locking is the caller's,
 * as for updates (withClusterLock), and so is closing the plan's session.
 */
import {updateGroup} from './rolling-update-group.js';
import {resolveRollingUpdateOptions} from './rolling-update-options.js';
import type {RollingUpdateOptions} from './rolling-update-options.js';
import type {RollingUpdatePlan} from './rolling-update-plan.js';

export interface RollingUpdateResult {
  /** In the order they were updated; `replaced` holds instance IDs. */
  readonly groups: readonly {readonly name: string; readonly replaced: readonly string[]}[];
}

/**
 * Carries out the plan. Throws DrainError (failOnDrainError) or RollingUpdateValidationError
 * (failOnValidateError) and stops there; a rerun plans from what the cloud then runs and goes on.
 */
export async function rollingUpdate(plan: RollingUpdatePlan, options: RollingUpdateOptions = {}): Promise<RollingUpdateResult> {
  const resolved = resolveRollingUpdateOptions(options);
  const groups: {name: string; replaced: string[]}[] = [];
  // One group at a time: control planes especially must never be replaced side by side.
  for (const group of plan.groups) {
    groups.push({name: group.name, replaced: await updateGroup(plan.session, group, resolved)});
  }
  return {groups};
}
