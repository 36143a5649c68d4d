/** Plan changes in words for failure messages: `update group/nodes (size: 1 -> 2)`. */
import type {Change} from '@kopsx/core';

const MAX_VALUE_LENGTH = 40;

export function describeChanges(changes: readonly Change[], limit = 6): string {
  const shown = changes.slice(0, limit).map(describeChange);
  return changes.length > limit ? `${shown.join('; ')}; and ${changes.length - limit} more` : shown.join('; ');
}

export function describeChange(change: Change): string {
  if (change.action === 'create' || change.action === 'delete') return `${change.action} ${change.key}`;
  const fields = change.fieldChanges.map((f) => (f.sensitive ? `${f.field} (sensitive)` : `${f.field}: ${short(f.before)} -> ${short(f.after)}`));
  return `${change.action} ${change.key} (${fields.join(', ')})`;
}

function short(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}
