import {renderPreview} from '@kopsx/core';
import type {ApplyResult, ChangeAction, Plan} from '@kopsx/core';
import {formatDuration} from './format-duration.js';

/** kOps' words for a plan with nothing to do. */
export const NO_CHANGES = 'No changes need to be applied';

/**
 * `update cluster` without --yes: the plan grouped as kOps groups its dry run, with the summary line, then
 * how to apply it; or that nothing needs to change.
 */
export function updatePreview(plan: Plan, clusterName: string): string {
  if (plan.changes.length === 0) return [...plan.warnings.map((w) => `Warning: ${w}`), NO_CHANGES].join('\n');
  return `${renderPreview(plan).trimEnd()}\n\nMust specify --yes to apply changes: kopsx update cluster ${clusterName} --yes`;
}

const PAST: Record<ChangeAction, string> = {create: 'created', update: 'modified', replace: 'replaced', delete: 'deleted'};

/** `Cluster changes have been applied to the cloud: 40 created, 2 modified (12s).` */
export function appliedLine(result: ApplyResult): string {
  const parts = (Object.keys(PAST) as ChangeAction[])
    .map((action) => [result.done.filter((change) => change.action === action).length, PAST[action]] as const)
    .filter(([count]) => count > 0)
    .map(([count, verb]) => `${count} ${verb}`);
  return `Cluster changes have been applied to the cloud: ${parts.join(', ')} (${formatDuration(result.elapsedMs)}).`;
}
