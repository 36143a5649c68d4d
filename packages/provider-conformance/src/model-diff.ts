/**
 * What a spec change must do to the cloud, read from the provider's own models before and after it: the
 * resources that appear, disappear, or whose properties change. A plan that does more (or less) than that
 * means the provider's discovery does not round-trip its properties.
 */
import {isDeepStrictEqual} from 'node:util';
import {resourceKey} from '@kopsx/core';
import type {DesiredResource, Plan} from '@kopsx/core';

export interface ExpectedChange {
  /** `kind/name` */
  readonly key: string;
  /** `modify` is met by an update or a replacement. */
  readonly action: 'create' | 'delete' | 'modify';
  /** For `modify`: the properties whose desired values changed, sorted. */
  readonly fields: readonly string[];
}

/** The changes between two models of the same cluster, sorted by key. Shared resources never change. */
export function modelChanges(before: readonly DesiredResource[], after: readonly DesiredResource[]): ExpectedChange[] {
  const old = new Map(owned(before).map((r) => [resourceKey(r), r]));
  const current = new Map(owned(after).map((r) => [resourceKey(r), r]));
  const changes: ExpectedChange[] = [];
  for (const [key, resource] of current) {
    const previous = old.get(key);
    if (!previous) {
      changes.push({key, action: 'create', fields: []});
      continue;
    }
    // The engine compares only the properties the model sets, so one that disappears is no change.
    const fields = Object.keys(resource.properties)
      .filter((field) => !isDeepStrictEqual(previous.properties[field], resource.properties[field]))
      .sort();
    if (fields.length > 0) changes.push({key, action: 'modify', fields});
  }
  for (const key of old.keys()) if (!current.has(key)) changes.push({key, action: 'delete', fields: []});
  return changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface MismatchOptions {
  /** Also count changes the models do not call for (otherwise they are allowed: e.g. dependents of a replacement). */
  readonly exact: boolean;
}

/** How `plan` differs from `expected`, one sentence per difference; empty when it matches. */
export function planMismatches(expected: readonly ExpectedChange[], plan: Plan, options: MismatchOptions): string[] {
  const problems: string[] = [];
  for (const want of expected) {
    const change = plan.changes.find((c) => c.key === want.key);
    const actions = want.action === 'modify' ? ['update', 'replace'] : [want.action];
    if (!change || !actions.includes(change.action)) {
      problems.push(`the model calls for ${describe(want)}, the plan ${change ? `has ${change.action}` : 'has nothing'} for it`);
      continue;
    }
    if (want.action !== 'modify') continue;
    const fields = change.fieldChanges.map((f) => f.field).sort();
    if (!isDeepStrictEqual(fields, want.fields)) {
      problems.push(`${change.action} ${want.key} changes ${fields.join(', ')}; the model changed ${want.fields.join(', ')}`);
    }
  }
  if (options.exact) {
    const extra = plan.changes.filter((c) => !expected.some((want) => want.key === c.key));
    for (const change of extra) problems.push(`the plan also has ${change.action} ${change.key}, which the model does not call for`);
  }
  return problems;
}

function describe(change: ExpectedChange): string {
  return change.action === 'modify' ? `changing ${change.fields.join(', ')} of ${change.key}` : `${change.action} ${change.key}`;
}

function owned(resources: readonly DesiredResource[]): DesiredResource[] {
  return resources.filter((r) => (r.lifecycle ?? 'owned') === 'owned');
}
