import {decodePageToken, encodePageToken} from '../../list-page.js';
import {invalidField} from './google-error.js';

export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken?: string;
}

export interface PagingOptions {
  /** The query parameter naming the page size: `maxResults` (Compute, DNS) or `pageSize` (IAM). */
  readonly sizeParam?: string;
  readonly defaultSize?: number;
  readonly maxSize?: number;
}

/**
 * One page of `items`, which must be sorted by `key` (unique per item). The token is the key of the last
 * item returned, so pages stay consistent while items are added or removed between calls.
 */
export function pageOf<T>(items: readonly T[], key: (item: T) => string, query: URLSearchParams, options: PagingOptions = {}): Page<T> {
  const {sizeParam = 'maxResults', defaultSize = 500, maxSize = 500} = options;
  const size = pageSize(query.get(sizeParam), sizeParam, defaultSize, maxSize);
  const token = query.get('pageToken') ?? '';
  const after = token === '' ? undefined : decodePageToken(token);
  if (after === undefined && token !== '') throw invalidField('pageToken', token, 'The page token is not valid.');
  const start = after === undefined ? 0 : items.findIndex((item) => key(item) > after);
  const rest = start < 0 ? [] : items.slice(start);
  const page = rest.slice(0, size);
  const last = page.at(-1);
  return rest.length > size && last !== undefined ? {items: page, nextPageToken: encodePageToken(key(last))} : {items: page};
}

function pageSize(text: string | null, param: string, defaultSize: number, maxSize: number): number {
  if (text === null || text === '') return defaultSize;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 0 || size > maxSize) {
    throw invalidField(param, text, `Must be an integer between 0 and ${maxSize}.`);
  }
  // Google treats 0 as "the default page size".
  return size === 0 ? defaultSize : size;
}
