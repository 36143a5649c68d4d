import {shownValues} from './format-value.js';
import {changesForDisplay, summarizePlan} from './plan.js';
import type {Plan} from './plan.js';
import {sortKeys} from './sort-keys.js';

/**
 * The plan as JSON for scripts (`-o json`): a summary, the warnings, and every change with its fields
 * and reasons. Stable: changes in display order, object keys sorted, unknown values as
 * `(known after apply)`, sensitive values as `(sensitive)`, absent values as null.
 */
export function planToJson(plan: Plan): string {
  const changes = changesForDisplay(plan).map((change) => ({
    action: change.action,
    key: change.key,
    kind: change.kind,
    name: change.name,
    id: change.id ?? null,
    reasons: change.reasons,
    replaceFields: change.replaceFields,
    fieldChanges: change.fieldChanges.map((f) => {
      const {before, after} = shownValues(f);
      return {field: f.field, before: before ?? null, after: after ?? null};
    }),
  }));
  const document = {summary: summarizePlan(plan), warnings: plan.warnings, changes};
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
