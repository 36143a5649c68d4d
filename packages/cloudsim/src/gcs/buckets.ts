import type {GcsHandler} from './gcs-call.js';
import {invalid} from './gcs-error.js';
import {bucketResource} from './representations.js';

const JSON_TYPE = {'content-type': 'application/json; charset=UTF-8'};

export const insertBucket: GcsHandler = ({store}, req) => {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    throw invalid('The bucket resource is not valid JSON.');
  }
  if (typeof body.name !== 'string' || body.name === '') throw invalid('Required field: name');
  const bucket = store.createBucket(body.name, {
    ...(typeof body.location === 'string' ? {location: body.location} : {}),
    ...(typeof body.storageClass === 'string' ? {storageClass: body.storageClass} : {}),
    ...(isStringRecord(body.labels) ? {labels: body.labels} : {}),
  });
  return {status: 200, headers: JSON_TYPE, body: JSON.stringify(bucketResource(bucket, req.url.origin))};
};

export const getBucket: GcsHandler = ({store}, req, call) => ({
  status: 200,
  headers: JSON_TYPE,
  body: JSON.stringify(bucketResource(store.bucket(call.bucket), req.url.origin)),
});

export const listBuckets: GcsHandler = ({store}, req) => {
  const prefix = req.url.searchParams.get('prefix') ?? '';
  const items = store.buckets().filter((bucket) => bucket.name.startsWith(prefix)).map((bucket) => bucketResource(bucket, req.url.origin));
  return {status: 200, headers: JSON_TYPE, body: JSON.stringify({kind: 'storage#buckets', ...(items.length > 0 ? {items} : {})})};
};

export const deleteBucket: GcsHandler = ({store}, _req, call) => {
  store.deleteBucket(call.bucket);
  return {status: 204};
};

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string');
}
