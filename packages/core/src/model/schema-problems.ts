import {z} from 'zod';
import type {FieldProblem} from '../errors.js';
import {formatPath} from './format-path.js';

const SPEC_REFERENCE_HINT = 'docs/spec-reference.md lists the fields kopsx accepts';

/** Turns the issues zod reports for one document into problems a user can act on. */
export function schemaProblems(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(schema, issue.path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, known);
        return {
          path: formatPath([...issue.path, key]),
          message: 'unknown field',
          hint: suggestion ? `did you mean "${suggestion}"?` : SPEC_REFERENCE_HINT,
        };
      });
    }
    return [{path: formatPath(issue.path), message: describe(issue)}];
  });
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    // zod's message names the received type last; "undefined" there means the field is absent.
    if (issue.message.endsWith('received undefined')) return 'required field is missing';
    return `expected ${issue.expected}, ${receivedPart(issue.message)}`;
  }
  if (issue.code === 'invalid_union' && issue.message === 'Invalid input') return 'has the wrong shape';
  return issue.message;
}

function receivedPart(message: string): string {
  const at = message.lastIndexOf('received ');
  return at < 0 ? 'got something else' : `got ${message.slice(at + 'received '.length)}`;
}

/** The field names the schema allows for the object at `path`, or [] when that cannot be told. */
function knownFieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(segment)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
    if (!current) return [];
  }
  const target = unwrap(current);
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

/** Looks through optional/default/transform wrappers to the schema that checks the value's shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The known name a typo most likely meant: same letters ignoring case, or at most two edits away. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
