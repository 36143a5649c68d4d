/**
 * Helpers that turn Google answers into ObservedResources whose properties compare equal to the desired ones:
 * the same field names, optional fields absent rather than undefined, links compared by path.
 */
import type {ObservedResource} from '@kopsx/core';
import {classifyError} from '../errors.js';
import {sameLink} from '../links.js';

export interface ObservedInput {
  readonly kind: string;
  readonly name: string;
  readonly id: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly attributes?: Readonly<Record<string, string | null | undefined>>;
}

export function observed({kind, name, id, properties, attributes = {}}: ObservedInput): ObservedResource {
  return {kind, name, id, lifecycle: 'owned', properties: defined(properties), attributes: {...defined(attributes), id} as Record<string, string>};
}

/** The resource after an update: new property values and attributes over the old ones. */
export function changed(
  current: ObservedResource,
  {properties = {}, attributes = {}}: {properties?: Readonly<Record<string, unknown>>; attributes?: Readonly<Record<string, string | null | undefined>>},
): ObservedResource {
  return {
    ...current,
    properties: {...current.properties, ...defined(properties)},
    attributes: {...current.attributes, ...defined(attributes)} as Record<string, string>,
  };
}

function defined<T>(record: Readonly<Record<string, T | null | undefined>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null)) as Record<string, T>;
}

/**
 * Field comparisons every handler shares: labels match when every desired label is set (labels someone added
 * by hand are left alone rather than fought over), links by path, lists of names or ranges as sets.
 */
export function looseEqual(field: string, observedValue: unknown, desiredValue: unknown): boolean {
  if (field === 'labels') return isSubset(desiredValue, observedValue);
  if (Array.isArray(observedValue) && Array.isArray(desiredValue)) return sameMembers(observedValue, desiredValue);
  return sameLink(observedValue, desiredValue);
}

function isSubset(desired: unknown, observedValue: unknown): boolean {
  if (!isStringMap(desired) || !isStringMap(observedValue)) return false;
  return Object.entries(desired).every(([key, value]) => observedValue[key] === value);
}

/** Order-insensitive, and links compare by path. */
function sameMembers(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  const unmatched = [...b];
  return a.every((item) => {
    const index = unmatched.findIndex((other) => JSON.stringify(other) === JSON.stringify(item) || sameLink(item, other));
    if (index >= 0) unmatched.splice(index, 1);
    return index >= 0;
  });
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deleting something that is already gone is success: a rerun after a crash must not fail on it. */
export async function ignoreNotFound(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (classifyError(error) !== 'not-found') throw error;
  }
}
