/**
 * Where a Compute resource lives, written as in URLs and aggregated lists: `global`, `regions/us-east1`,
 * `zones/us-east1-b`. The simulated world has the regions and zones below.
 */
export type ScopeKey = 'global' | `regions/${string}` | `zones/${string}`;
export type ScopeType = 'global' | 'region' | 'zone';

export const REGIONS: Readonly<Record<string, readonly string[]>> = {
  'us-central1': ['a', 'b', 'c', 'd', 'e', 'f'],
  'us-east1': ['b', 'c', 'd'],
  'europe-west1': ['b', 'c', 'd'],
};

export const REGION_NAMES: readonly string[] = Object.keys(REGIONS);
export const ZONE_NAMES: readonly string[] = Object.entries(REGIONS).flatMap(([region, letters]) => letters.map((letter) => `${region}-${letter}`));

export function scopeType(scope: ScopeKey): ScopeType {
  if (scope === 'global') return 'global';
  return scope.startsWith('regions/') ? 'region' : 'zone';
}

/** The region or zone name of a scope (`''` for global). */
export function scopeName(scope: ScopeKey): string {
  return scope === 'global' ? '' : scope.slice(scope.indexOf('/') + 1);
}

export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/** The region a scope is in: itself for a region, the zone's region for a zone. */
export function regionOfScope(scope: ScopeKey): string {
  return scopeType(scope) === 'zone' ? regionOfZone(scopeName(scope)) : scopeName(scope);
}

export function isKnownScope(scope: ScopeKey): boolean {
  const type = scopeType(scope);
  if (type === 'global') return true;
  return (type === 'region' ? REGION_NAMES : ZONE_NAMES).includes(scopeName(scope));
}

/** Every scope of a type, in the order aggregated lists show them. */
export function scopesOfType(type: ScopeType): ScopeKey[] {
  if (type === 'global') return ['global'];
  return type === 'region' ? REGION_NAMES.map((name) => `regions/${name}` as const) : ZONE_NAMES.map((name) => `zones/${name}` as const);
}
