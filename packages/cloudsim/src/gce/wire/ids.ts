import {createHash, randomBytes, randomInt} from 'node:crypto';

/** Google's numeric resource ids: unsigned 64-bit, sent as decimal strings. */
export function numericId(): string {
  return `${randomInt(1, 9)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** Lower-case letters and digits, as in the suffix of a managed instance name (`nodes-x7k2`). */
export function randomSuffix(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * A fingerprint of some content (labels, metadata items, a whole resource). Deterministic, as Google's are:
 * the same content always has the same fingerprint, so a client holding a stale one is detected.
 */
export function fingerprint(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content ?? null)).digest().subarray(0, 8).toString('base64');
}

/** RFC 3339 with milliseconds, as `creationTimestamp` and operation times are written. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** `operation-1700000000000-60a1b2c3d4e5f-1a2b3c4d-5e6f7a8b`, the shape of Compute operation names. */
export function operationName(ms: number): string {
  return `operation-${ms}-${randomBytes(7).toString('hex').slice(0, 13)}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** A stable 12-digit project number for a project id, as in `<number>-compute@developer.gserviceaccount.com`. */
export function projectNumber(project: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(project).digest('hex').slice(0, 12)}`) % 900_000_000_000n;
  return String(digits + 100_000_000_000n);
}

/** A numeric id that stays the same for the same text: catalog entries (zones, machine types) keep theirs. */
export function stableNumericId(text: string): string {
  return String(BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`) + 1_000_000_000_000_000_000n);
}
