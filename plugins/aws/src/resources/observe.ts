/**
 * Helpers that turn AWS answers into ObservedResources whose properties compare equal to the desired ones:
 * the same field names, optional fields absent rather than undefined, tags as a plain map.
 */
import type {ObservedResource} from '@kopsx/core';
import {classifyError} from '../errors.js';
import {tagsToRecord} from '../tags.js';

export interface ObservedInput {
  readonly kind: string;
  readonly name: string;
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly attributes?: Record<string, string | undefined>;
  /** @default 'owned' */
  readonly lifecycle?: 'owned' | 'shared';
}

export function observed({kind, name, id, properties, attributes = {}, lifecycle = 'owned'}: ObservedInput): ObservedResource {
  return {kind, name, id, lifecycle, properties: defined(properties), attributes: {...defined(attributes), id} as Record<string, string>};
}

/** The resource after an update or wait: new property values and attributes over the old ones. */
export function changed(
  current: ObservedResource,
  {properties = {}, attributes = {}}: {properties?: Readonly<Record<string, unknown>>; attributes?: Record<string, string | undefined>},
): ObservedResource {
  return {
    ...current,
    properties: {...current.properties, ...defined(properties)},
    attributes: {...current.attributes, ...defined(attributes)},
  };
}

function defined<T>(record: Readonly<Record<string, T | undefined>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, T>;
}

/** A resource's tags as a map, without the `aws:` tags AWS adds itself. */
export function visibleTags(list: readonly {Key?: string; Value?: string}[] | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tagsToRecord(list)).filter(([key]) => !key.startsWith('aws:')));
}

/**
 * Field comparisons every handler shares: tags match when every desired tag is set (tags someone added in the
 * console are left alone rather than fought over), and ID lists are sets.
 */
export function looseEqual(field: string, observedValue: unknown, desiredValue: unknown): boolean {
  if (field === 'tags') return isSubset(desiredValue, observedValue);
  if (field.endsWith('Ids') || field.endsWith('Arns')) return sameMembers(observedValue, desiredValue);
  return false;
}

function isSubset(desired: unknown, observedValue: unknown): boolean {
  if (!isStringMap(desired) || !isStringMap(observedValue)) return false;
  return Object.entries(desired).every(([key, value]) => observedValue[key] === value);
}

function sameMembers(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const sortedA = a.map(String).sort();
  const sortedB = b.map(String).sort();
  return sortedA.every((item, index) => item === sortedB[index]);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Policy documents compare by meaning: AWS returns them re-encoded and with keys in its own order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return false;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Deleting something that is already gone is success: a rerun after a crash must not fail on it. */
export async function ignoreNotFound(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (classifyError(error) !== 'not-found') throw error;
  }
}
