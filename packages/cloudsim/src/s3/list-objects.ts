import {decodePageToken, encodePageToken, listPage, type ListPage} from '../list-page.js';
import type {SimRequest} from '../service.js';
import {OWNER} from './buckets.js';
import type {S3Handler} from './s3-call.js';
import {invalidArgument} from './s3-error.js';
import type {S3Bucket, S3Object} from './s3-store.js';
import {el, xmlDocument, type XmlContent} from './xml.js';

const MAX_KEYS = 1000;

export const listObjectsV2: S3Handler = (store, req, call) => {
  const bucket = store.bucket(call.bucket);
  const params = req.url.searchParams;
  const token = params.get('continuation-token') ?? undefined;
  const startAfter = params.get('start-after') ?? undefined;
  let after = startAfter;
  if (token !== undefined) {
    after = decodePageToken(token);
    if (after === undefined) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  const {query, page} = runListing(bucket, req, after);
  const encode = keyEncoder(req);
  const body = xmlDocument('ListBucketResult',
    el('Name', bucket.name),
    el('Prefix', encode(query.prefix)),
    query.delimiter ? el('Delimiter', encode(query.delimiter)) : undefined,
    el('MaxKeys', query.maxKeys),
    params.get('encoding-type') === 'url' ? el('EncodingType', 'url') : undefined,
    el('KeyCount', page.names.length + page.prefixes.length),
    el('IsTruncated', page.resumeAfter !== undefined),
    token !== undefined ? el('ContinuationToken', token) : undefined,
    page.resumeAfter !== undefined ? el('NextContinuationToken', encodePageToken(page.resumeAfter)) : undefined,
    startAfter !== undefined ? el('StartAfter', encode(startAfter)) : undefined,
    contents(bucket, page, encode, {withOwner: params.get('fetch-owner') === 'true'}),
  );
  return {status: 200, headers: {'content-type': 'application/xml'}, body};
};

/** The original listing API: `marker` instead of continuation tokens. */
export const listObjects: S3Handler = (store, req, call) => {
  const bucket = store.bucket(call.bucket);
  const marker = req.url.searchParams.get('marker') ?? '';
  const {query, page} = runListing(bucket, req, marker || undefined);
  const encode = keyEncoder(req);
  const body = xmlDocument('ListBucketResult',
    el('Name', bucket.name),
    el('Prefix', encode(query.prefix)),
    el('Marker', encode(marker)),
    query.delimiter ? el('Delimiter', encode(query.delimiter)) : undefined,
    el('MaxKeys', query.maxKeys),
    el('IsTruncated', page.resumeAfter !== undefined),
    page.resumeAfter !== undefined ? el('NextMarker', encode(page.resumeAfter)) : undefined,
    contents(bucket, page, encode, {withOwner: true}),
  );
  return {status: 200, headers: {'content-type': 'application/xml'}, body};
};

interface ListQuery {
  readonly prefix: string;
  readonly delimiter: string;
  readonly maxKeys: number;
}

function runListing(bucket: S3Bucket, req: SimRequest, after: string | undefined): {query: ListQuery; page: ListPage} {
  const params = req.url.searchParams;
  const query: ListQuery = {
    prefix: params.get('prefix') ?? '',
    delimiter: params.get('delimiter') ?? '',
    maxKeys: maxKeys(params.get('max-keys')),
  };
  const page = listPage({names: bucket.objects.keys(), prefix: query.prefix, delimiter: query.delimiter, maxResults: query.maxKeys, after});
  return {query, page};
}

/** S3 silently caps max-keys at 1000 but rejects values that are not whole numbers. */
function maxKeys(raw: string | null): number {
  if (raw === null) return MAX_KEYS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Math.min(value, MAX_KEYS);
}

/** With `encoding-type=url` S3 percent-encodes keys in the listing (so clients can carry any byte in a key). */
function keyEncoder(req: SimRequest): (text: string) => string {
  if (req.url.searchParams.get('encoding-type') !== 'url') return (text) => text;
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/');
}

function contents(bucket: S3Bucket, page: ListPage, encode: (text: string) => string, options: {withOwner: boolean}): XmlContent[] {
  const objects = page.names.map((key) => bucket.objects.get(key)).filter((object): object is S3Object => object !== undefined);
  return [
    ...objects.map((object) => el('Contents',
      el('Key', encode(object.key)),
      el('LastModified', object.lastModified.toISOString()),
      el('ETag', object.etag),
      el('Size', object.body.length),
      el('StorageClass', 'STANDARD'),
      options.withOwner ? OWNER : undefined,
    )),
    ...page.prefixes.map((prefix) => el('CommonPrefixes', el('Prefix', encode(prefix)))),
  ];
}
