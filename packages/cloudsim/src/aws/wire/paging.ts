import {AwsError} from './aws-error.js';

export interface PageRequest {
  /** Page size; undefined returns everything (EC2 without MaxResults). */
  readonly maxResults: number | undefined;
  /** The token of the previous page (`NextToken`, `Marker`), if any. */
  readonly token: string | undefined;
  /** The error code for a token that is not ours (EC2: `InvalidParameterValue`). */
  readonly invalidTokenCode?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass back to get the next page; absent on the last page. */
  readonly nextToken?: string;
}

/** Pages over a stable list. Tokens are opaque to clients: base64url of the offset of the next entry. */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = request.token === undefined ? 0 : decodeOffset(request.token, request.invalidTokenCode);
  const end = request.maxResults === undefined ? items.length : start + request.maxResults;
  const page = items.slice(start, end);
  return end < items.length ? {items: page, nextToken: encodeOffset(end)} : {items: page};
}

function encodeOffset(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeOffset(token: string, code = 'InvalidParameterValue'): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new AwsError(code, `The token '${token}' is invalid.`);
  return Number(match[1]);
}
