import {AwsError} from './aws-error.js';
import type {QueryInput} from './query-input.js';

/** One `Filter.N` of a Describe call: the resource matches when the named field matches any of the values. */
export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

/** How to read each filterable field of a resource (`vpc-id`, `state`, ...); tag filters come for free. */
export type FilterFields<T> = Readonly<Record<string, (resource: T) => string | readonly string[] | undefined>>;

export interface FilterOptions<T> {
  readonly fields: FilterFields<T>;
  readonly tags: (resource: T) => ReadonlyMap<string, string>;
  /** The error code for an unknown filter name (EC2: `InvalidParameterValue`). */
  readonly invalidFilterCode?: string;
}

/**
 * Reads `Filter.N.Name` / `Filter.N.Value.M` (EC2: `readFilters(input, 'Filter', 'Value')`) or
 * `Filters.member.N.Name` / `Filters.member.N.Values.member.M` (`readFilters(input, 'Filters.member', 'Values.member')`).
 */
export function readFilters(input: QueryInput, listPath: string, valuesPath: string): Filter[] {
  return input.list(listPath).map((entry) => ({name: entry.requireString('Name'), values: entry.strings(valuesPath)}));
}

export function applyFilters<T>(resources: readonly T[], filters: readonly Filter[], options: FilterOptions<T>): T[] {
  const predicates = filters.map((filter) => filterPredicate(filter, options));
  return resources.filter((resource) => predicates.every((matches) => matches(resource)));
}

function filterPredicate<T>(filter: Filter, options: FilterOptions<T>): (resource: T) => boolean {
  const patterns = filter.values.map(wildcardPattern);
  const matchesAny = (candidates: readonly string[]): boolean =>
    candidates.some((candidate) => patterns.some((pattern) => pattern.test(candidate)));
  if (filter.name.startsWith('tag:')) {
    const key = filter.name.slice('tag:'.length);
    return (resource) => {
      const value = options.tags(resource).get(key);
      return value !== undefined && matchesAny([value]);
    };
  }
  if (filter.name === 'tag-key') return (resource) => matchesAny([...options.tags(resource).keys()]);
  if (filter.name === 'tag-value') return (resource) => matchesAny([...options.tags(resource).values()]);
  const field = options.fields[filter.name];
  if (!field) {
    throw new AwsError(options.invalidFilterCode ?? 'InvalidParameterValue', `The filter '${filter.name}' is invalid`);
  }
  return (resource) => {
    const value = field(resource);
    if (value === undefined) return false;
    return matchesAny(typeof value === 'string' ? [value] : value);
  };
}

/** Filter values may use `*` (any run of characters) and `?` (one character), as on AWS. */
export function wildcardPattern(value: string): RegExp {
  const source = [...value]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}
