/**
 * Typed access to a resolved resource's properties. The model writes them and the handlers read them, so a
 * wrong type here is a bug in this plugin, reported with the resource and field that are wrong.
 */
import type {ResolvedResource} from '@kopsx/core';

export class PropertyReader {
  constructor(private readonly resource: ResolvedResource) {}

  string(field: string): string {
    const value = this.resource.properties[field];
    if (typeof value !== 'string') throw this.wrongType(field, 'a string');
    return value;
  }

  optionalString(field: string): string | undefined {
    return this.resource.properties[field] === undefined ? undefined : this.string(field);
  }

  number(field: string): number {
    const value = this.resource.properties[field];
    if (typeof value !== 'number') throw this.wrongType(field, 'a number');
    return value;
  }

  optionalNumber(field: string): number | undefined {
    return this.resource.properties[field] === undefined ? undefined : this.number(field);
  }

  boolean(field: string): boolean {
    const value = this.resource.properties[field];
    if (typeof value !== 'boolean') throw this.wrongType(field, 'a boolean');
    return value;
  }

  strings(field: string): string[] {
    const value = this.resource.properties[field];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw this.wrongType(field, 'a list of strings');
    return [...(value as string[])];
  }

  record(field: string): Record<string, string> {
    const value = this.resource.properties[field];
    const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!isRecord || !Object.values(value).every((item) => typeof item === 'string')) {
      throw this.wrongType(field, 'a map of strings');
    }
    return {...(value as Record<string, string>)};
  }

  private wrongType(field: string, expected: string): Error {
    const {kind, name} = this.resource;
    return new Error(`${kind}/${name}: property "${field}" should be ${expected}, got ${JSON.stringify(this.resource.properties[field])}`);
  }
}

export function read(resource: ResolvedResource): PropertyReader {
  return new PropertyReader(resource);
}
