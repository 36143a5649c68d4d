import {compareNames, decodePageToken, encodePageToken, listPage} from '../list-page.js';
import type {SimResponse} from '../service.js';
import type {GcsHandler} from './gcs-call.js';
import {invalid, objectNotFound} from './gcs-error.js';
import type {GcsObject} from './gcs-store.js';
import {checkPreconditions, parsePreconditions} from './preconditions.js';
import {objectEtag, objectResource} from './representations.js';

const JSON_TYPE = {'content-type': 'application/json; charset=UTF-8'};
const MAX_RESULTS = 1000;

/** Metadata, or the bytes with `alt=media`. */
export const getObject: GcsHandler = ({store}, req, call) => {
  const object = store.object(call.bucket, call.object);
  if (!object) throw objectNotFound(call.bucket, call.object);
  const generation = req.url.searchParams.get('generation');
  // Only the live generation is kept (no object versioning).
  if (generation !== null && generation !== String(object.generation)) throw objectNotFound(call.bucket, call.object);
  if (checkPreconditions(parsePreconditions(req.url.searchParams), object, {read: true}) === 'not-modified') {
    return {status: 304, headers: {etag: objectEtag(object)}};
  }
  if (req.url.searchParams.get('alt') === 'media') return media(object);
  return {status: 200, headers: JSON_TYPE, body: JSON.stringify(objectResource(object, req.url.origin))};
};

export const deleteObject: GcsHandler = ({store}, req, call) => {
  const object = store.object(call.bucket, call.object);
  if (!object) throw objectNotFound(call.bucket, call.object);
  checkPreconditions(parsePreconditions(req.url.searchParams), object, {read: false});
  store.deleteObject(call.bucket, call.object);
  return {status: 204};
};

export const listObjects: GcsHandler = ({store}, req, call) => {
  const params = req.url.searchParams;
  const bucket = store.bucket(call.bucket);
  const token = params.get('pageToken') ?? undefined;
  const after = token === undefined ? undefined : decodePageToken(token);
  if (token !== undefined && after === undefined) throw invalid(`Invalid pageToken: '${token}'`);
  const startOffset = params.get('startOffset') ?? '';
  const endOffset = params.get('endOffset') ?? undefined;
  const names = [...bucket.objects.keys()].filter((name) =>
    compareNames(name, startOffset) >= 0 && (endOffset === undefined || compareNames(name, endOffset) < 0));
  const page = listPage({
    names,
    prefix: params.get('prefix') ?? '',
    delimiter: params.get('delimiter') ?? '',
    maxResults: maxResults(params.get('maxResults')),
    after,
  });
  const items = page.names.flatMap((name) => {
    const object = bucket.objects.get(name);
    return object ? [objectResource(object, req.url.origin)] : [];
  });
  // Like GCS, empty lists are left out rather than sent as [].
  const body = {
    kind: 'storage#objects',
    ...(page.resumeAfter !== undefined ? {nextPageToken: encodePageToken(page.resumeAfter)} : {}),
    ...(page.prefixes.length > 0 ? {prefixes: page.prefixes} : {}),
    ...(items.length > 0 ? {items} : {}),
  };
  return {status: 200, headers: JSON_TYPE, body: JSON.stringify(body)};
};

export function media(object: GcsObject): SimResponse {
  return {
    status: 200,
    headers: {
      'content-type': object.contentType,
      etag: objectEtag(object),
      'x-goog-generation': String(object.generation),
      'x-goog-metageneration': String(object.metageneration),
      'x-goog-hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
      'x-goog-stored-content-length': String(object.data.length),
      'x-goog-stored-content-encoding': 'identity',
    },
    body: object.data,
  };
}

function maxResults(raw: string | null): number {
  if (raw === null) return MAX_RESULTS;
  if (!/^\d+$/.test(raw)) throw invalid(`Invalid value for maxResults: '${raw}'`);
  return Math.min(Number(raw), MAX_RESULTS);
}
