import type {IncomingHttpHeaders} from 'node:http';
import {header} from '../http-headers.js';
import {noSuchKey, preconditionFailed, S3Error} from './s3-error.js';
import type {S3Object} from './s3-store.js';

/**
 * Conditional writes and deletes, as S3 evaluates them: `If-None-Match: *` fails with 412 when the key exists;
 * `If-Match` fails with 412 when the ETag differs and, like real S3, with 404 NoSuchKey when there is no object.
 */
export function checkWriteConditions(headers: IncomingHttpHeaders, existing: S3Object | undefined, key: string): void {
  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      throw new S3Error(501, 'NotImplemented', 'If-None-Match on a write only accepts the value *', {Header: 'If-None-Match'});
    }
    if (existing) throw preconditionFailed('If-None-Match');
  }
  const ifMatch = header(headers, 'if-match');
  if (ifMatch !== undefined) {
    if (!existing) throw noSuchKey(key);
    if (!etagMatches(ifMatch, existing.etag)) throw preconditionFailed('If-Match');
  }
}

/**
 * Conditional reads (RFC 7232 order): a failed If-Match/If-Unmodified-Since is a 412; a matching
 * If-None-Match or an unmodified If-Modified-Since means "not modified" (304).
 */
export function readCondition(headers: IncomingHttpHeaders, object: S3Object): 'read' | 'not-modified' {
  const ifMatch = header(headers, 'if-match');
  const ifNoneMatch = header(headers, 'if-none-match');
  const modifiedSeconds = Math.floor(object.lastModified.getTime() / 1000);
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
  } else if (isBefore(header(headers, 'if-unmodified-since'), modifiedSeconds)) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, object.etag) ? 'not-modified' : 'read';
  const since = header(headers, 'if-modified-since');
  return since !== undefined && !isBefore(since, modifiedSeconds) ? 'not-modified' : 'read';
}

/** Whether an `If-Match`-style list (`*`, `"etag"`, `W/"etag"`, comma-separated) names this ETag. */
export function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return list.split(',').some((item) => {
    const candidate = item.trim().replace(/^W\//, '').replace(/"/g, '');
    return candidate === '*' || candidate === bare;
  });
}

/** True when `httpDate` parses and lies before `seconds` (HTTP dates have whole-second precision). */
function isBefore(httpDate: string | undefined, seconds: number): boolean {
  if (httpDate === undefined) return false;
  const time = Date.parse(httpDate);
  return !Number.isNaN(time) && Math.floor(time / 1000) < seconds;
}
