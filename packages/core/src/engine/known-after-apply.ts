/**
 * The value of a reference to a resource that does not exist yet (or is being replaced): it is only
 * known once apply has created it. Printed as `(known after apply)`, also inside JSON.
 */
export class KnownAfterApply {
  toString(): string {
    return '(known after apply)';
  }

  toJSON(): string {
    return this.toString();
  }
}

export const KNOWN_AFTER_APPLY: KnownAfterApply = Object.freeze(new KnownAfterApply());

export function isKnownAfterApply(value: unknown): value is KnownAfterApply {
  return value instanceof KnownAfterApply;
}

/** Whether a value, or anything nested in it, is still unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isKnownAfterApply(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}
