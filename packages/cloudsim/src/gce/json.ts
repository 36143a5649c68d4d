/** Google's REST resources are JSON objects; the simulator keeps them in that wire form. */
export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The objects in an array field; anything else (absent, not an array) reads as none. */
export function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function stringMap(value: unknown): Record<string, string> {
  if (!isJson(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A JSON copy, so stored resources never share nested objects with requests or responses. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
