/** Comparing what the cloud holds: by identity, and by how many of each kind. */
import type {CloudResourceRef} from './options.js';

export function sameResource(a: CloudResourceRef, b: CloudResourceRef): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** `kind id, kind id, ...` for messages, at most `limit` of them. */
export function listResources(resources: readonly CloudResourceRef[], limit = 8): string {
  const shown = resources.slice(0, limit).map((r) => `${r.kind} ${r.id}`);
  return resources.length > limit ? `${shown.join(', ')} and ${resources.length - limit} more` : shown.join(', ');
}

/**
 * How `actual` differs from `expected` in resources per kind, e.g. `server: 3 instead of 2`; empty when
 * they hold as many of each kind. Two runs that reached the same cluster differ in IDs, not in counts.
 */
export function countDifferences(expected: readonly CloudResourceRef[], actual: readonly CloudResourceRef[]): string[] {
  const want = countByKind(expected);
  const have = countByKind(actual);
  const kinds = [...new Set([...want.keys(), ...have.keys()])].sort();
  return kinds
    .filter((kind) => want.get(kind) !== have.get(kind))
    .map((kind) => `${kind}: ${have.get(kind) ?? 0} instead of ${want.get(kind) ?? 0}`);
}

function countByKind(resources: readonly CloudResourceRef[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return counts;
}
