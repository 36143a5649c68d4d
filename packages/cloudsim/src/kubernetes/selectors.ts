import {ApiError} from './api-error.js';
import {isRecord} from './object-meta.js';

type Labels = Readonly<Record<string, string>>;

/** One requirement of a label selector: `app=web`, `tier!=db`, `env in (a,b)`, `gpu`, `!spot`. */
interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A parsed selector: true for the objects it selects. */
export type Selector = (labels: Labels) => boolean;

const everything: Selector = () => true;

/** The `labelSelector` query parameter, in the API's string syntax. */
export function parseLabelSelector(text: string | null): Selector {
  if (!text?.trim()) return everything;
  const requirements = splitTopLevel(text).map(parseRequirement);
  return (labels) => requirements.every((requirement) => satisfies(labels, requirement));
}

/**
 * A `LabelSelector` object (`matchLabels` + `matchExpressions`), as a PodDisruptionBudget holds it. As in
 * policy/v1, an empty selector selects every pod of the namespace and a missing one selects none.
 */
export function labelSelectorObject(selector: unknown): Selector {
  if (!isRecord(selector)) return () => false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  const requirements: Requirement[] = [
    ...Object.entries(matchLabels).map(([key, value]): Requirement => ({key, operator: 'In', values: [String(value)]})),
    ...expressions.filter(isRecord).map((expression): Requirement => ({
      key: String(expression.key),
      operator: String(expression.operator) as Requirement['operator'],
      values: Array.isArray(expression.values) ? expression.values.map(String) : [],
    })),
  ];
  return (labels) => requirements.every((requirement) => satisfies(labels, requirement));
}

/** Checks a `LabelSelector` object's operators, so a bad one is refused when the object is created. */
export function checkLabelSelectorObject(selector: unknown): string | undefined {
  if (selector === undefined) return undefined;
  if (!isRecord(selector)) return 'spec.selector: must be an object';
  const expressions = selector.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return 'spec.selector.matchExpressions: must be a list';
  for (const expression of expressions) {
    const operator = isRecord(expression) ? expression.operator : undefined;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(operator))) {
      return `spec.selector.matchExpressions: unsupported operator "${String(operator)}"`;
    }
  }
  return undefined;
}

/** Field selectors: `name=value` and `name!=value` terms over the fields `fieldOf` knows. */
export function parseFieldSelector<T>(text: string | null, fieldOf: (object: T, field: string) => string | undefined, fields: readonly string[]): (object: T) => boolean {
  if (!text?.trim()) return () => true;
  const terms = text.split(',').map((term) => {
    const match = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!match) throw new ApiError('BadRequest', `invalid field selector: "${term}"`);
    const [, field = '', operator, value = ''] = match;
    if (!fields.includes(field)) throw new ApiError('BadRequest', `field label not supported: ${field}`);
    return {field, negated: operator === '!=', value};
  });
  return (object) => terms.every(({field, negated, value}) => (fieldOf(object, field) === value) !== negated);
}

function satisfies(labels: Labels, {key, operator, values}: Requirement): boolean {
  const present = Object.hasOwn(labels, key);
  switch (operator) {
    case 'In':
      return present && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !present || !values.includes(labels[key] ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/** Splits on the commas that are not inside `(...)` value sets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;

function parseRequirement(term: string): Requirement {
  const text = term.trim();
  const set = new RegExp(String.raw`^(${KEY})\s+(in|notin)\s*\(([^)]*)\)$`).exec(text);
  if (set) {
    const values = (set[3] ?? '').split(',').map((value) => value.trim());
    return {key: set[1] ?? '', operator: set[2] === 'in' ? 'In' : 'NotIn', values};
  }
  const equality = new RegExp(String.raw`^(${KEY})\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$`).exec(text);
  if (equality) {
    return {key: equality[1] ?? '', operator: equality[2] === '!=' ? 'NotIn' : 'In', values: [equality[3] ?? '']};
  }
  const existence = new RegExp(String.raw`^(!?)\s*(${KEY})$`).exec(text);
  if (existence) return {key: existence[2] ?? '', operator: existence[1] ? 'DoesNotExist' : 'Exists', values: []};
  throw new ApiError('BadRequest', `unable to parse requirement: "${text}"`);
}
