import {ApiError} from './api-error.js';
import {isRecord} from './object-meta.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/**
 * Applies a PATCH body to an object's JSON form, by its content type. Strategic-merge patches are applied as
 * merge patches: the two agree on every field the simulator lets clients change (labels, annotations,
 * `spec.unschedulable`, `spec.taints`, which has no merge key and is replaced whole).
 */
export function applyPatch(target: Record<string, unknown>, patch: unknown, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim();
  if (type === MERGE_PATCH || type === STRATEGIC_MERGE_PATCH) {
    if (!isRecord(patch)) throw new ApiError('BadRequest', 'a merge patch must be a JSON object');
    return mergePatch(target, patch) as Record<string, unknown>;
  }
  if (type === JSON_PATCH) {
    if (!Array.isArray(patch)) throw new ApiError('BadRequest', 'a JSON patch must be a list of operations');
    return patch.reduce((document: unknown, operation: unknown) => jsonPatchOperation(document, operation), structuredClone(target)) as Record<string, unknown>;
  }
  throw new ApiError(
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${JSON_PATCH}, ${MERGE_PATCH}, ${STRATEGIC_MERGE_PATCH}`,
  );
}

/** RFC 7386: objects merge key by key, `null` removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue; // strategic-merge directives ($patch, $retainKeys, ...)
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** One RFC 6902 operation: add, remove, replace, test, move or copy. */
function jsonPatchOperation(document: unknown, operation: unknown): unknown {
  if (!isRecord(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
    throw new ApiError('BadRequest', 'each JSON patch operation needs "op" and "path"');
  }
  const {op, path} = operation;
  switch (op) {
    case 'add':
      return setAt(document, path, operation.value, 'add');
    case 'replace':
      readAt(document, path);
      return setAt(document, path, operation.value, 'replace');
    case 'remove':
      return removeAt(document, path);
    case 'test':
      if (JSON.stringify(readAt(document, path)) !== JSON.stringify(operation.value)) {
        throw new ApiError('Invalid', `the JSON patch test of "${path}" failed`);
      }
      return document;
    case 'move':
    case 'copy': {
      const from = typeof operation.from === 'string' ? operation.from : '';
      const value = structuredClone(readAt(document, from));
      return setAt(op === 'move' ? removeAt(document, from) : document, path, value, 'add');
    }
    default:
      throw new ApiError('BadRequest', `unknown JSON patch operation "${op}"`);
  }
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new ApiError('BadRequest', `"${path}" is not a JSON pointer`);
  return path.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function readAt(document: unknown, path: string): unknown {
  let current = document;
  for (const token of pointer(path)) {
    const next = Array.isArray(current) ? current[Number(token)] : isRecord(current) && Object.hasOwn(current, token) ? current[token] : undefined;
    if (next === undefined) throw new ApiError('Invalid', `the JSON patch path "${path}" does not exist`);
    current = next;
  }
  return current;
}

/** The parent container of `path` and the last token, after checking the parent exists. */
function parentOf(document: unknown, path: string): {parent: unknown; token: string} {
  const tokens = pointer(path);
  const token = tokens.pop();
  if (token === undefined) throw new ApiError('BadRequest', 'a JSON patch cannot replace the whole object');
  const parent = readAt(document, tokens.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''));
  return {parent, token};
}

function setAt(document: unknown, path: string, value: unknown, mode: 'add' | 'replace'): unknown {
  const {parent, token} = parentOf(document, path);
  if (Array.isArray(parent)) {
    const index = token === '-' ? parent.length : Number(token);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new ApiError('Invalid', `index "${token}" of "${path}" is out of range`);
    parent.splice(index, mode === 'add' ? 0 : 1, structuredClone(value));
  } else if (isRecord(parent)) {
    parent[token] = structuredClone(value);
  } else {
    throw new ApiError('Invalid', `"${path}" is not inside an object or a list`);
  }
  return document;
}

function removeAt(document: unknown, path: string): unknown {
  readAt(document, path);
  const {parent, token} = parentOf(document, path);
  if (Array.isArray(parent)) parent.splice(Number(token), 1);
  else if (isRecord(parent)) delete parent[token];
  return document;
}
