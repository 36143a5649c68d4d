import type {S3Handler} from './s3-call.js';
import {S3Error} from './s3-error.js';
import {el, xmlDocument, xmlText} from './xml.js';

const XML = {'content-type': 'application/xml'};
/** The one account that owns everything in the simulator. */
export const OWNER = el('Owner', el('ID', 'kopsx-cloudsim-owner'), el('DisplayName', 'kopsx-cloudsim'));

export const listBuckets: S3Handler = (store) => ({
  status: 200,
  headers: XML,
  body: xmlDocument('ListAllMyBucketsResult', OWNER, el('Buckets', store.buckets().map((bucket) =>
    el('Bucket', el('Name', bucket.name), el('CreationDate', bucket.createdAt.toISOString()), el('BucketRegion', bucket.region)),
  ))),
});

export const createBucket: S3Handler = (store, req, call) => {
  const body = req.body.toString('utf8');
  if (body.trim() !== '' && !body.includes('CreateBucketConfiguration')) {
    throw new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  // No LocationConstraint means us-east-1, as in real S3.
  const region = xmlText(body, 'LocationConstraint') || 'us-east-1';
  store.createBucket(call.bucket, {region});
  return {status: 200, headers: {location: `/${call.bucket}`}};
};

export const headBucket: S3Handler = (store, _req, call) => {
  const bucket = store.bucket(call.bucket);
  return {status: 200, headers: {'x-amz-bucket-region': bucket.region}};
};

export const deleteBucket: S3Handler = (store, _req, call) => {
  store.deleteBucket(call.bucket);
  return {status: 204};
};

export const getBucketLocation: S3Handler = (store, _req, call) => {
  const {region} = store.bucket(call.bucket);
  // S3 reports us-east-1 as an empty location constraint.
  return {status: 200, headers: XML, body: xmlDocument('LocationConstraint', region === 'us-east-1' ? undefined : region)};
};
