import type {Plan} from '@kopsx/core';
import {renderTable} from './render-table.js';

export interface DeletionPreviewContext {
  readonly clusterName: string;
  readonly storeUrl: string;
}

/**
 * What `delete cluster` without --yes shows, as kOps does: one row per cloud resource the cluster owns
 * (KIND NAME ID, sorted by kind and name), then what happens to its state.
 */
export function deletionPreview(plan: Plan, context: DeletionPreviewContext): string {
  const state = `the cluster's state in ${context.storeUrl}`;
  if (plan.changes.length === 0) {
    return `No cloud resources of cluster "${context.clusterName}" were found: only ${state} would be deleted.`;
  }
  const rows = plan.changes
    .map((change) => [change.kind, change.name, change.id ?? '-'])
    .sort((a, b) => compareRows(a, b));
  const count = rows.length === 1 ? '1 cloud resource' : `${rows.length} cloud resources`;
  return [
    `Cloud resources of cluster "${context.clusterName}" that would be deleted:`,
    '',
    renderTable(['kind', 'name', 'id'], rows),
    '',
    `${count} to delete, then ${state}.`,
  ].join('\n');
}

/** Column by column, by code point: `iam-role` before `iam-role-policy`, whatever the locale. */
function compareRows(a: readonly string[], b: readonly string[]): number {
  for (const [i, cell] of a.entries()) {
    const other = b[i] ?? '';
    if (cell !== other) return cell < other ? -1 : 1;
  }
  return 0;
}
