import type {IncomingHttpHeaders} from 'node:http';
import {header} from '../http-headers.js';
import type {SimResponse} from '../service.js';
import {decodeAwsChunked, isAwsChunked} from './aws-chunked.js';
import {checkWriteConditions, readCondition} from './conditions.js';
import type {S3Handler} from './s3-call.js';
import {noSuchKey, S3Error} from './s3-error.js';
import type {S3Encryption, S3Object} from './s3-store.js';

const ENCRYPTION_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];
/** What S3 reports when `aws:kms` is asked for without a key: the account's AWS-managed S3 key. */
const AWS_MANAGED_S3_KEY = 'arn:aws:kms:us-east-1:123456789012:alias/aws/s3';
const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

export const putObject: S3Handler = (store, req, call) => {
  const bucket = store.bucket(call.bucket);
  const encryption = requestedEncryption(req.headers);
  let body = req.body;
  const checksums = pickChecksums(req.headers);
  if (isAwsChunked(req.headers)) {
    const decoded = decodeChunkedBody(req.body);
    body = decoded.body;
    Object.assign(checksums, pickChecksums(decoded.trailers));
  }
  // Checked last, right before the write, with no await in between: concurrent conditional writes cannot both win.
  checkWriteConditions(req.headers, bucket.objects.get(call.key), call.key);
  const object = store.putObject(call.bucket, call.key, {
    body,
    contentType: header(req.headers, 'content-type'),
    metadata: userMetadata(req.headers),
    encryption,
    checksums,
  });
  return {status: 200, headers: {etag: object.etag, ...encryptionHeaders(object.encryption), ...object.checksums}};
};

export const getObject: S3Handler = (store, req, call) => {
  const object = existingObject(store.bucket(call.bucket).objects, call.key);
  if (readCondition(req.headers, object) === 'not-modified') return notModified(object);
  return {status: 200, headers: objectHeaders(object, req.headers), body: object.body};
};

export const headObject: S3Handler = (store, req, call) => {
  const object = existingObject(store.bucket(call.bucket).objects, call.key);
  if (readCondition(req.headers, object) === 'not-modified') return notModified(object);
  return {status: 200, headers: objectHeaders(object, req.headers)};
};

export const deleteObject: S3Handler = (store, req, call) => {
  const existing = store.bucket(call.bucket).objects.get(call.key);
  checkWriteConditions(req.headers, existing, call.key);
  store.deleteObject(call.bucket, call.key);
  return {status: 204};
};

function existingObject(objects: ReadonlyMap<string, S3Object>, key: string): S3Object {
  const object = objects.get(key);
  if (!object) throw noSuchKey(key);
  return object;
}

function notModified(object: S3Object): SimResponse {
  return {status: 304, headers: {etag: object.etag, 'last-modified': object.lastModified.toUTCString()}};
}

function objectHeaders(object: S3Object, requestHeaders: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'content-length': String(object.body.length),
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...encryptionHeaders(object.encryption),
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  // S3 returns stored checksums only when asked; the SDK then verifies the body against them.
  if (header(requestHeaders, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') Object.assign(headers, object.checksums);
  return headers;
}

function encryptionHeaders(encryption: S3Encryption): Record<string, string> {
  const headers: Record<string, string> = {'x-amz-server-side-encryption': encryption.algorithm};
  if (encryption.kmsKeyId) headers['x-amz-server-side-encryption-aws-kms-key-id'] = encryption.kmsKeyId;
  return headers;
}

function requestedEncryption(headers: IncomingHttpHeaders): S3Encryption | undefined {
  const algorithm = header(headers, 'x-amz-server-side-encryption');
  const kmsKeyId = header(headers, 'x-amz-server-side-encryption-aws-kms-key-id');
  if (algorithm === undefined) {
    if (kmsKeyId !== undefined) throw invalidEncryption('a KMS key id needs x-amz-server-side-encryption: aws:kms');
    return undefined;
  }
  if (!ENCRYPTION_ALGORITHMS.includes(algorithm)) {
    throw invalidEncryption(`unknown server-side encryption ${algorithm}; use one of ${ENCRYPTION_ALGORITHMS.join(', ')}`);
  }
  if (algorithm === 'AES256') {
    if (kmsKeyId !== undefined) throw invalidEncryption('a KMS key id cannot be used with AES256');
    return {algorithm};
  }
  return {algorithm, kmsKeyId: kmsKeyId ?? AWS_MANAGED_S3_KEY};
}

function invalidEncryption(message: string): S3Error {
  return new S3Error(400, 'InvalidArgument', `Server Side Encryption request is not valid: ${message}`);
}

function decodeChunkedBody(raw: Buffer): ReturnType<typeof decodeAwsChunked> {
  try {
    return decodeAwsChunked(raw);
  } catch (error) {
    throw new S3Error(400, 'IncompleteBody', (error as Error).message);
  }
}

function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = header(headers, name);
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

function pickChecksums(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const checksums: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (CHECKSUM_HEADER.test(name) && typeof value === 'string') checksums[name] = value;
  }
  return checksums;
}
