import {validateBundle} from '@kopsx/core';
import type {ClusterBundle, FieldProblem} from '@kopsx/core';

/**
 * The warnings a change brings in: those of `after` that `before` did not already have. A user editing one
 * instance group should not be told again about the cluster's open SSH access on every edit.
 */
export function newWarnings(before: ClusterBundle | undefined, after: readonly FieldProblem[]): FieldProblem[] {
  if (!before) return [...after];
  const known = new Set(validateBundle(before).warnings.map((w) => `${w.path}\n${w.message}`));
  return after.filter((w) => !known.has(`${w.path}\n${w.message}`));
}
