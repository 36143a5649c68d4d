/** Listing with prefix, delimiter and paging, shared by the object stores (S3 and GCS page the same way). */
export interface ListPageRequest {
  readonly names: Iterable<string>;
  readonly prefix: string;
  /** Groups names that share `prefix` + text up to this delimiter into one common prefix; '' = no grouping. */
  readonly delimiter: string;
  readonly maxResults: number;
  /** Resume point from a previous page: entries up to and including it are skipped. */
  readonly after?: string | undefined;
}

export interface ListPage {
  readonly names: string[];
  readonly prefixes: string[];
  /** The last entry returned when more follow: pass it back as `after` (see `encodePageToken`). */
  readonly resumeAfter?: string;
}

/** Compares as the clouds do: by UTF-8 bytes, not UTF-16 code units. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function listPage(request: ListPageRequest): ListPage {
  const {prefix, delimiter, maxResults, after} = request;
  const names: string[] = [];
  const prefixes: string[] = [];
  if (maxResults <= 0) return {names, prefixes};
  let last: string | undefined;
  for (const name of [...request.names].sort(compareNames)) {
    if (!name.startsWith(prefix)) continue;
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    const commonPrefix = cut >= 0 ? name.slice(0, cut + delimiter.length) : undefined;
    // Every name under a common prefix maps to that prefix, so entries stay in sorted order.
    const entry = commonPrefix ?? name;
    if (entry === last || (after !== undefined && compareNames(entry, after) <= 0)) continue;
    if (names.length + prefixes.length === maxResults) return {names, prefixes, resumeAfter: last};
    if (commonPrefix === undefined) names.push(name);
    else prefixes.push(commonPrefix);
    last = entry;
  }
  return {names, prefixes};
}

/** Page tokens are opaque to clients; base64url of the resume point keeps them URL- and XML-safe. */
export function encodePageToken(resumeAfter: string): string {
  return Buffer.from(resumeAfter, 'utf8').toString('base64url');
}

/** The resume point inside a token, or undefined when the token is not one of ours. */
export function decodePageToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  return Buffer.from(token, 'base64url').toString('utf8');
}
