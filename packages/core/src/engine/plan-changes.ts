import {resourceKey} from '../provider/index.js';
import type {DesiredResource, FieldChange, ObservedResource, ResourceHandler} from '../provider/index.js';
import {buildDesiredGraph} from './desired-graph.js';
import {diffFields, fieldChange} from './diff-fields.js';
import {ModelError} from './errors.js';
import type {Inventory} from './inventory.js';
import {KNOWN_AFTER_APPLY, containsUnknown} from './known-after-apply.js';
import type {Change, Plan} from './plan.js';
import {ownedDeletes} from './plan-deletion.js';
import {referencesIn, resolveReferences} from './references.js';
import type {RefLookup} from './references.js';

export interface PlanChangesInput {
  readonly desired: readonly DesiredResource[];
  readonly inventory: Inventory;
  readonly handlers: readonly ResourceHandler[];
}

/**
 * Compares the desired resources with the inventory and lists what apply must do:
 * - desired, not found → create;
 * - found, some desired field differs → update, or replace when a changed field is in the handler's
 *   `replaceOn` or the handler cannot update at all;
 * - found, owned, no longer desired (or an extra copy of a key) → delete;
 * - shared → never a change; a difference becomes a warning.
 * Resources are visited in dependency order so that a reference to something that will be created or
 * replaced is already known to be unknown ("known after apply"), which is itself a change.
 */
export function planChanges({desired, inventory, handlers}: PlanChangesInput): Plan {
  const graph = buildDesiredGraph(desired);
  const handlerOf = new Map(handlers.map((h) => [h.kind, h]));
  /** Keys whose attributes only exist after apply: created or replaced resources. */
  const pending = new Map<string, 'created' | 'replaced'>();
  const attributesOf = (key: string): Readonly<Record<string, string>> | undefined => {
    const observed = inventory.get(key);
    if (observed) return observed.attributes;
    const given = graph.has(key) ? graph.get(key).id : undefined;
    return given === undefined ? undefined : {id: given};
  };
  const lookup: RefLookup = (target) => {
    const key = resourceKey(target);
    return (pending.has(key) ? undefined : attributesOf(key)?.[target.attribute]) ?? KNOWN_AFTER_APPLY;
  };

  const changes: Change[] = [];
  const warnings: string[] = [];
  for (const key of graph.topologicalOrder()) {
    const resource = graph.get(key);
    const observed = inventory.get(key);
    const resolved = resolveReferences(resource.properties, lookup);
    if (resource.lifecycle === 'shared' || observed?.lifecycle === 'shared') {
      warnings.push(...checkShared(key, resource, observed, resolved));
      continue;
    }
    const handler = handlerOf.get(resource.kind);
    if (!handler) throw new ModelError(`no handler manages the kind "${resource.kind}" of ${key}`);
    if (!observed) {
      pending.set(key, 'created');
      changes.push(createChange(resource, resolved, handler));
      continue;
    }
    const fieldChanges = diffFields({desired: resolved, observed: observed.properties, handler});
    if (fieldChanges.length === 0) continue;
    const change = modifyChange({resource, observed, fieldChanges, handler});
    if (change.action === 'replace') pending.set(key, 'replaced');
    const referenceReasons = fieldChanges.flatMap(({field, after}) =>
      containsUnknown(after) ? unknownReasons(field, resource, pending) : [],
    );
    changes.push({...change, reasons: [...change.reasons, ...referenceReasons]});
  }
  changes.push(...ownedDeletes(inventory, {keep: (key) => graph.has(key), reason: 'no longer in the cluster spec'}));
  return {changes, warnings, desired, inventory};
}

function createChange(resource: DesiredResource, resolved: Record<string, unknown>, handler: ResourceHandler): Change {
  return {
    action: 'create',
    key: resourceKey(resource),
    kind: resource.kind,
    name: resource.name,
    fieldChanges: Object.keys(resolved)
      .sort()
      .map((field) => fieldChange(field, undefined, resolved[field], handler)),
    replaceFields: [],
    reasons: ['not found in the cloud'],
    desired: resource,
  };
}

interface ModifyInput {
  readonly resource: DesiredResource;
  readonly observed: ObservedResource;
  readonly fieldChanges: readonly FieldChange[];
  readonly handler: ResourceHandler;
}

/** An update, or a replace when a changed field cannot change in place. */
function modifyChange({resource, observed, fieldChanges, handler}: ModifyInput): Change {
  const changed = fieldChanges.map((f) => f.field);
  const replaceFields = handler.update ? changed.filter((f) => handler.replaceOn?.includes(f)) : changed;
  const reasons =
    replaceFields.length === 0
      ? [`${changed.join(', ')} differ${changed.length === 1 ? 's' : ''} from the spec`]
      : handler.update
        ? [`${replaceFields.join(', ')} cannot change in place`]
        : [`${resource.kind} cannot be updated in place`];
  return {
    action: replaceFields.length > 0 ? 'replace' : 'update',
    key: resourceKey(resource),
    kind: resource.kind,
    name: resource.name,
    id: observed.id,
    fieldChanges,
    replaceFields,
    reasons,
    desired: resource,
    observed,
  };
}

/** Why a field's new value is unknown: it refers to resources that will be created or replaced. */
function unknownReasons(field: string, resource: DesiredResource, pending: ReadonlyMap<string, string>): string[] {
  const value = resource.properties[field];
  const targets = value === undefined ? [] : [...new Set(referencesIn(value).map(resourceKey))];
  return targets
    .filter((target) => pending.has(target))
    .map((target) => `${field} refers to ${target}, which will be ${pending.get(target)}`);
}

/** Shared resources are only read: report differences, and insist that a reference to one can be resolved. */
function checkShared(
  key: string,
  resource: DesiredResource,
  observed: ObservedResource | undefined,
  resolved: Record<string, unknown>,
): string[] {
  if (!observed) {
    if (resource.id === undefined) {
      throw new ModelError(`shared ${key} has no ID and discovery did not find it`);
    }
    return [];
  }
  const differing = diffFields({desired: resolved, observed: observed.properties}).map((f) => f.field);
  if (differing.length === 0) return [];
  const fields = differing.join(', ');
  return [`shared ${key} (${observed.id}) differs from the spec in ${fields}; kopsx never changes shared resources`];
}
