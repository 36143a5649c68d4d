import type {FieldChange, ResourceHandler} from '../provider/index.js';
import {containsUnknown} from './known-after-apply.js';

export interface DiffFieldsInput {
  /** Desired properties with references resolved (possibly to KNOWN_AFTER_APPLY). */
  readonly desired: Readonly<Record<string, unknown>>;
  readonly observed: Readonly<Record<string, unknown>>;
  /** Supplies `equal` (looser comparisons) and `sensitive` (fields never printed). */
  readonly handler?: Pick<ResourceHandler, 'equal' | 'sensitive'>;
}

/**
 * The desired fields whose value differs from the cloud's, sorted by field name. Only desired fields
 * count: the cloud reports many more (defaults, status) that the spec does not manage. A value that is
 * still unknown always counts as a change, since it will be set to something new.
 */
export function diffFields({desired, observed, handler}: DiffFieldsInput): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(desired).sort()) {
    const after = desired[field];
    const before = observed[field];
    const same =
      !containsUnknown(after) && (valuesEqual(before, after) || (handler?.equal?.(field, before, after) ?? false));
    if (!same) changes.push(fieldChange(field, before, after, handler));
  }
  return changes;
}

/** A FieldChange, flagged when the handler declares the field sensitive. */
export function fieldChange(
  field: string,
  before: unknown,
  after: unknown,
  handler?: Pick<ResourceHandler, 'sensitive'>,
): FieldChange {
  return handler?.sensitive?.includes(field) ? {field, before, after, sensitive: true} : {field, before, after};
}

/** Deep equality of JSON-like values, where an absent value and `null` are the same. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => valuesEqual(a[key], b[key]));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
