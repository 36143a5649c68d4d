import type {FieldChange} from '../provider/index.js';
import {formatValue, shownValues} from './format-value.js';
import {changesForDisplay, summarizePlan} from './plan.js';
import type {Change, Plan, PlanSummary} from './plan.js';

/**
 * A plan as text, grouped like kOps' dry run:
 *
 *   Will create resources:
 *     kind/name
 *     <TAB>field<TAB>value
 *   Will modify resources:
 *     kind/name (replace: field)
 *     <TAB>field<TAB>old -> new
 *   Will delete resources:
 *     kind/name<TAB>id
 *
 *   1 to create, 1 to modify (1 replaced), 1 to delete
 *
 * or `No changes.`; warnings come first.
 */
export function renderPreview(plan: Plan): string {
  const lines = plan.warnings.map((warning) => `Warning: ${warning}`);
  if (plan.changes.length === 0) return [...lines, 'No changes.', ''].join('\n');
  const changes = changesForDisplay(plan);
  const section = (title: string, selected: Change[], render: (change: Change) => string[]): void => {
    if (selected.length === 0) return;
    if (lines.length > 0) lines.push('');
    lines.push(title, ...selected.flatMap(render));
  };
  section('Will create resources:', changes.filter((c) => c.action === 'create'), (c) => [
    `  ${c.kind}/${c.name}`,
    ...c.fieldChanges.filter((f) => f.after != null).map((f) => `\t${f.field}\t${formatValue(shownValues(f).after)}`),
  ]);
  section('Will modify resources:', changes.filter((c) => c.action === 'update' || c.action === 'replace'), (c) => [
    `  ${c.kind}/${c.name}${c.action === 'replace' ? ` (replace: ${c.replaceFields.join(', ')})` : ''}`,
    ...c.fieldChanges.map(modifiedField),
  ]);
  section('Will delete resources:', changes.filter((c) => c.action === 'delete'), (c) => [
    // An extra copy of a key is named like the resource kept, so say which one goes.
    `  ${c.kind}/${c.name}\t${c.id ?? ''}${c.key === `${c.kind}/${c.name}` ? '' : '\t(duplicate)'}`,
  ]);
  lines.push('', summaryLine(summarizePlan(plan)), '');
  return lines.join('\n');
}

function modifiedField(change: FieldChange): string {
  const {before, after} = shownValues(change);
  return `\t${change.field}\t${formatValue(before)} -> ${formatValue(after)}`;
}

/** `N to create, N to modify, N to delete`, with `(N replaced)` after the modifications when there are any. */
export function summaryLine(summary: PlanSummary): string {
  const replaced = summary.replace > 0 ? ` (${summary.replace} replaced)` : '';
  return `${summary.create} to create, ${summary.modify} to modify${replaced}, ${summary.delete} to delete`;
}
