/** Finding and resolving the `Ref`s inside desired properties. */
import {isJoin, isRef, resourceKey} from '../provider/index.js';
import type {DesiredResource, PropertyValue, Ref} from '../provider/index.js';
import {isKnownAfterApply, KNOWN_AFTER_APPLY, type KnownAfterApply} from './known-after-apply.js';

export type RefTarget = Ref['$ref'];

/** The value a reference stands for, or KNOWN_AFTER_APPLY when it cannot be known before apply. */
export type RefLookup = (target: RefTarget) => string | KnownAfterApply;

/** Properties with every reference replaced by what `lookup` gives for it. */
export function resolveReferences(
  properties: Readonly<Record<string, PropertyValue>>,
  lookup: RefLookup,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([field, value]) => [field, resolveValue(value, lookup)]));
}

function resolveValue(value: PropertyValue, lookup: RefLookup): unknown {
  if (isRef(value)) return lookup(value.$ref);
  if (isJoin(value)) {
    const parts = value.$join.map((part) => (isRef(part) ? lookup(part.$ref) : part));
    return parts.some(isKnownAfterApply) ? KNOWN_AFTER_APPLY : parts.join('');
  }
  if (Array.isArray(value)) return value.map((item: PropertyValue) => resolveValue(item, lookup));
  if (typeof value === 'object' && value !== null) {
    return resolveReferences(value as Readonly<Record<string, PropertyValue>>, lookup);
  }
  return value;
}

/** Every reference inside a value, in the order they appear. */
export function referencesIn(value: PropertyValue): RefTarget[] {
  if (isRef(value)) return [value.$ref];
  if (isJoin(value)) return value.$join.filter(isRef).map((part) => part.$ref);
  if (Array.isArray(value)) return value.flatMap((item: PropertyValue) => referencesIn(item));
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Keys (`kind/name`) of the resources this one waits for: its references and its `dependsOn`, once each. */
export function dependencyKeys(resource: DesiredResource): string[] {
  const fromRefs = Object.values(resource.properties).flatMap(referencesIn).map(resourceKey);
  return [...new Set([...fromRefs, ...(resource.dependsOn ?? [])])];
}
