/**
 * Typed access to a resolved resource's properties. The model writes them and the handlers read them, so a
 * wrong type here is a bug in this plugin, reported with the resource and field that are wrong.
 */
import type {ResolvedResource} from '@kopsx/core';

export class PropertyReader {
  constructor(private readonly resource: ResolvedResource) {}

  string(field: string): string {
    return this.#typed(field, 'a string', (value): value is string => typeof value === 'string');
  }

  optionalString(field: string): string | undefined {
    return this.resource.properties[field] === undefined ? undefined : this.string(field);
  }

  number(field: string): number {
    return this.#typed(field, 'a number', (value): value is number => typeof value === 'number');
  }

  boolean(field: string): boolean {
    return this.#typed(field, 'a boolean', (value): value is boolean => typeof value === 'boolean');
  }

  strings(field: string): string[] {
    const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
    return [...this.#typed(field, 'a list of strings', isStrings)];
  }

  optionalStrings(field: string): string[] | undefined {
    return this.resource.properties[field] === undefined ? undefined : this.strings(field);
  }

  record(field: string): Record<string, string> {
    const isRecord = (value: unknown): value is Record<string, string> =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
    return {...this.#typed(field, 'a map of strings', isRecord)};
  }

  #typed<T>(field: string, expected: string, is: (value: unknown) => value is T): T {
    const value = this.resource.properties[field];
    if (is(value)) return value;
    const {kind, name} = this.resource;
    throw new Error(`${kind}/${name}: property "${field}" should be ${expected}, got ${JSON.stringify(value)}`);
  }
}

export function read(resource: ResolvedResource): PropertyReader {
  return new PropertyReader(resource);
}
