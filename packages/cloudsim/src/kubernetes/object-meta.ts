import {randomInt, randomUUID} from 'node:crypto';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

/** The metadata every stored object has; labels and annotations are always present (maybe empty). */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid: string;
  resourceVersion: string;
  readonly creationTimestamp: string;
  readonly generateName?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  readonly ownerReferences?: readonly OwnerReference[];
}

/** Kubernetes' RFC 3339 timestamps, to the second. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newUid(): string {
  return randomUUID();
}

// The alphabet of Kubernetes' generated name suffixes: no vowels, no look-alike characters.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `length` characters as Kubernetes appends to `generateName` and to ReplicaSet and DaemonSet pods. */
export function randomSuffix(length = 5): string {
  return Array.from({length}, () => SUFFIX_ALPHABET.charAt(randomInt(SUFFIX_ALPHABET.length))).join('');
}

/** A string map from JSON, or undefined when the value is not one. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) as Record<string, string> : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `namespace/name`, the key of namespaced objects. */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
