import {createHash} from 'node:crypto';
import type {FieldChange} from '../provider/index.js';
import {isKnownAfterApply} from './known-after-apply.js';
import {sortKeys} from './sort-keys.js';

/**
 * A field value on one preview line. Multi-line text (user-data, policies) would break the layout and
 * is rarely readable in a diff, so it shows as its size and a short digest that changes with it.
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (isKnownAfterApply(value)) return String(value);
  if (typeof value === 'string') {
    if (!value.includes('\n')) return value;
    const digest = createHash('sha256').update(value).digest('hex').slice(0, 12);
    return `(${value.split('\n').length} lines, sha256 ${digest})`;
  }
  return JSON.stringify(sortKeys(value));
}

/** The before/after values of a field as they may be shown: sensitive ones never are. */
export function shownValues(change: FieldChange): {before: unknown; after: unknown} {
  if (!change.sensitive) return {before: change.before, after: change.after};
  const hide = (value: unknown): unknown =>
    value === undefined || isKnownAfterApply(value) ? value : SENSITIVE;
  return {before: hide(change.before), after: hide(change.after)};
}

export const SENSITIVE = '(sensitive)';
