/**
 * Keys name objects relative to a store's root. Checking them in one place keeps a cluster named `..` (or a
 * key with an empty segment) from escaping the root on file:// or aliasing another object on s3:// and gs://.
 */
import {KopsxError} from '../errors.js';

const BAD_SEGMENTS = new Set(['', '.', '..']);

function badSegment(segment: string): boolean {
  return BAD_SEGMENTS.has(segment) || segment.includes('\\') || segment.includes('\0');
}

/** Throws unless `key` is `seg/seg/...` with no empty, `.` or `..` segment. */
export function assertStateKey(key: string): void {
  if (key.split('/').some(badSegment)) {
    throw new KopsxError(`invalid state store key "${key}"`, 'InvalidStateKey');
  }
}

/**
 * Throws unless `prefix` is a valid listing prefix: `''`, a key, a key followed by `/`, or a partial last
 * segment (`c1/instance`).
 */
export function assertKeyPrefix(prefix: string): void {
  if (prefix === '') return;
  const segments = prefix.split('/');
  // The last segment may be empty (`c1/`) or partial; only the complete ones must be real names.
  if (segments.slice(0, -1).some(badSegment) || ['.', '..'].includes(segments.at(-1) ?? '')) {
    throw new KopsxError(`invalid state store prefix "${prefix}"`, 'InvalidStateKey');
  }
}

/** Throws unless `name` fits in one key segment: used for cluster and instance group names. */
export function assertKeySegment(name: string, what: string): void {
  if (name.includes('/') || badSegment(name)) {
    throw new KopsxError(
      `${what} "${name}" cannot be stored: it must be a single non-empty name without "/"`,
      'InvalidName',
      `use a DNS-style name such as "example.k8s.local"`,
    );
  }
}
