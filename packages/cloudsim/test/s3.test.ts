import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim, type S3Service} from '../src/index.js';
import {rejectionOf, s3Client} from './clients.js';

const BUCKET = 'kopsx-state';
let sim: CloudSim;
let s3: S3Client;

beforeEach(async () => {
  sim = await startCloudSim();
  s3 = s3Client(sim);
  await s3.send(new CreateBucketCommand({Bucket: BUCKET}));
});

afterEach(async () => {
  s3.destroy();
  await sim.close();
});

const put = (Key: string, Body: string, extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}) =>
  s3.send(new PutObjectCommand({Bucket: BUCKET, Key, Body, ...extra}));
const read = async (Key: string) => (await s3.send(new GetObjectCommand({Bucket: BUCKET, Key}))).Body?.transformToString();

describe('S3 objects', () => {
  it('stores and returns objects with their ETag, type and user metadata', async () => {
    const written = await put('c1/config', 'spec: {}', {ContentType: 'text/yaml', Metadata: {owner: 'kopsx'}});
    expect(written.ETag).toBe(`"${createHash('md5').update('spec: {}').digest('hex')}"`);

    const got = await s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/config'}));
    expect(await got.Body?.transformToString()).toBe('spec: {}');
    expect(got.ETag).toBe(written.ETag);
    expect(got.ContentType).toBe('text/yaml');
    expect(got.Metadata).toEqual({owner: 'kopsx'});

    const head = await s3.send(new HeadObjectCommand({Bucket: BUCKET, Key: 'c1/config'}));
    expect(head.ContentLength).toBe('spec: {}'.length);
  });

  it('decodes streamed (aws-chunked) uploads and keeps keys with spaces and unicode intact', async () => {
    const key = 'dir/ä file+1.txt';
    await s3.send(new PutObjectCommand({Bucket: BUCKET, Key: key, ContentLength: 6, Body: Readable.from([Buffer.from('abc'), Buffer.from('def')])}));
    expect(await read(key)).toBe('abcdef');
    const listed = await s3.send(new ListObjectsV2Command({Bucket: BUCKET}));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
  });

  it('refuses a second create with If-None-Match: * (412 PreconditionFailed) and keeps the first', async () => {
    await put('c1/.lock', 'holder-a', {IfNoneMatch: '*'});
    const error = await rejectionOf(put('c1/.lock', 'holder-b', {IfNoneMatch: '*'}));
    expect(error.name).toBe('PreconditionFailed');
    expect((error.$metadata as {httpStatusCode: number}).httpStatusCode).toBe(412);
    expect(await read('c1/.lock')).toBe('holder-a');
  });

  it('writes with If-Match only while the ETag is current', async () => {
    const first = await put('c1/config', 'v1');
    const second = await put('c1/config', 'v2', {IfMatch: first.ETag});
    const stale = await rejectionOf(put('c1/config', 'v3', {IfMatch: first.ETag}));
    expect(stale.name).toBe('PreconditionFailed');
    expect(await read('c1/config')).toBe('v2');
    expect(second.ETag).not.toBe(first.ETag);
    // Like real S3: If-Match on a key that does not exist is NoSuchKey, not 412.
    const missing = await rejectionOf(put('c1/absent', 'v1', {IfMatch: first.ETag}));
    expect(missing.name).toBe('NoSuchKey');
  });

  it('lets exactly one of many concurrent conditional creates win', async () => {
    const attempts = Array.from({length: 12}, (_, i) => put('c1/.lock', `holder-${i}`, {IfNoneMatch: '*'}));
    const results = await Promise.allSettled(attempts);
    const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as Error).name).toBe('PreconditionFailed');
    }
    expect(await read('c1/.lock')).toBe(`holder-${winners[0]}`);
  });

  it('deletes objects, conditionally with If-Match, and reports NoSuchKey afterwards', async () => {
    const written = await put('c1/.lock', 'holder-a');
    const mismatch = await rejectionOf(s3.send(new DeleteObjectCommand({Bucket: BUCKET, Key: 'c1/.lock', IfMatch: '"0000"'})));
    expect(mismatch.name).toBe('PreconditionFailed');
    expect(await read('c1/.lock')).toBe('holder-a');

    await s3.send(new DeleteObjectCommand({Bucket: BUCKET, Key: 'c1/.lock', IfMatch: written.ETag}));
    const gone = await rejectionOf(s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/.lock'})));
    expect(gone.name).toBe('NoSuchKey');
    expect((gone.$metadata as {httpStatusCode: number}).httpStatusCode).toBe(404);
    const head = await rejectionOf(s3.send(new HeadObjectCommand({Bucket: BUCKET, Key: 'c1/.lock'})));
    expect(head.name).toBe('NotFound');
    // Deleting a missing key unconditionally succeeds, as in S3.
    await s3.send(new DeleteObjectCommand({Bucket: BUCKET, Key: 'c1/.lock'}));
  });

  it('honours If-Match and If-None-Match on reads', async () => {
    const written = await put('c1/config', 'v1');
    const stale = await rejectionOf(s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/config', IfMatch: '"0000"'})));
    expect((stale.$metadata as {httpStatusCode: number}).httpStatusCode).toBe(412);
    const unchanged = await rejectionOf(s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/config', IfNoneMatch: written.ETag})));
    expect((unchanged.$metadata as {httpStatusCode: number}).httpStatusCode).toBe(304);
    const fresh = await s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/config', IfMatch: written.ETag}));
    expect(await fresh.Body?.transformToString()).toBe('v1');
  });

  it('deletes in batches, reporting each key', async () => {
    await put('a', '1');
    await put('b', '2');
    const result = await s3.send(new DeleteObjectsCommand({
      Bucket: BUCKET,
      Delete: {Objects: [{Key: 'a'}, {Key: 'b'}, {Key: 'never-existed'}]},
    }));
    expect(result.Deleted?.map((deleted) => deleted.Key).sort()).toEqual(['a', 'b', 'never-existed']);
    expect(result.Errors ?? []).toEqual([]);
    const listed = await s3.send(new ListObjectsV2Command({Bucket: BUCKET}));
    expect(listed.KeyCount).toBe(0);
  });

  it('stores server-side encryption settings and echoes them on put, get and head', async () => {
    const keyId = 'arn:aws:kms:us-east-1:123456789012:key/state';
    const written = await put('c1/secret', 's3cr3t', {ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId});
    expect(written.ServerSideEncryption).toBe('aws:kms');
    expect(written.SSEKMSKeyId).toBe(keyId);
    const got = await s3.send(new GetObjectCommand({Bucket: BUCKET, Key: 'c1/secret'}));
    expect([got.ServerSideEncryption, got.SSEKMSKeyId]).toEqual(['aws:kms', keyId]);
    const head = await s3.send(new HeadObjectCommand({Bucket: BUCKET, Key: 'c1/secret'}));
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', keyId]);
    // Without a header S3 applies its default, SSE-S3.
    expect((await put('c1/plain', 'x')).ServerSideEncryption).toBe('AES256');
  });
});

describe('S3 listing', () => {
  it('pages ListObjectsV2 with continuation tokens (1,200 keys, 1,000 per page)', async () => {
    const keys = Array.from({length: 1200}, (_, i) => `c1/instancegroup/ig-${String(i).padStart(4, '0')}`);
    const {store} = sim.service<S3Service>('s3');
    for (const key of keys) store.putObject(BUCKET, key, {body: key});

    const first = await s3.send(new ListObjectsV2Command({Bucket: BUCKET, Prefix: 'c1/'}));
    expect(first.KeyCount).toBe(1000);
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(new ListObjectsV2Command({Bucket: BUCKET, Prefix: 'c1/', ContinuationToken: first.NextContinuationToken}));
    expect(second.KeyCount).toBe(200);
    expect(second.IsTruncated).toBe(false);
    expect(second.NextContinuationToken).toBeUndefined();

    const paged: string[] = [];
    for await (const page of paginateListObjectsV2({client: s3, pageSize: 333}, {Bucket: BUCKET})) {
      paged.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    }
    expect(paged).toEqual(keys);
  });

  it('groups by delimiter into common prefixes, and pages through them', async () => {
    for (const key of ['a/config', 'a/pki/ca', 'b/config', 'c/config', 'top']) await put(key, key);
    const all = await s3.send(new ListObjectsV2Command({Bucket: BUCKET, Delimiter: '/'}));
    expect(all.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/', 'b/', 'c/']);
    expect(all.Contents?.map((object) => object.Key)).toEqual(['top']);

    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({Bucket: BUCKET, Delimiter: '/', MaxKeys: 2, ContinuationToken: token}));
      seen.push(...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix ?? ''), ...(page.Contents ?? []).map((object) => object.Key ?? ''));
      token = page.NextContinuationToken;
    } while (token);
    expect(seen.sort()).toEqual(['a/', 'b/', 'c/', 'top']);

    const nested = await s3.send(new ListObjectsV2Command({Bucket: BUCKET, Prefix: 'a/', Delimiter: '/'}));
    expect(nested.Contents?.map((object) => object.Key)).toEqual(['a/config']);
    expect(nested.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/pki/']);
  });

  it('rejects a continuation token it did not issue', async () => {
    const error = await rejectionOf(s3.send(new ListObjectsV2Command({Bucket: BUCKET, ContinuationToken: 'not a token!'})));
    expect(error.name).toBe('InvalidArgument');
  });
});

describe('S3 buckets', () => {
  it('creates, lists, locates and deletes buckets', async () => {
    await s3.send(new CreateBucketCommand({Bucket: 'eu-bucket', CreateBucketConfiguration: {LocationConstraint: 'eu-west-1'}}));
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(['eu-bucket', BUCKET]);
    expect((await s3.send(new GetBucketLocationCommand({Bucket: 'eu-bucket'}))).LocationConstraint).toBe('eu-west-1');
    expect((await s3.send(new HeadBucketCommand({Bucket: 'eu-bucket'}))).BucketRegion).toBe('eu-west-1');
    await s3.send(new DeleteBucketCommand({Bucket: 'eu-bucket'}));
    const head = await rejectionOf(s3.send(new HeadBucketCommand({Bucket: 'eu-bucket'})));
    expect(head.name).toBe('NotFound');
  });

  it('surfaces NoSuchBucket, BucketAlreadyOwnedByYou, BucketNotEmpty and InvalidBucketName', async () => {
    expect((await rejectionOf(s3.send(new PutObjectCommand({Bucket: 'missing-bucket', Key: 'k', Body: 'x'})))).name).toBe('NoSuchBucket');
    expect((await rejectionOf(s3.send(new ListObjectsV2Command({Bucket: 'missing-bucket'})))).name).toBe('NoSuchBucket');
    expect((await rejectionOf(s3.send(new CreateBucketCommand({Bucket: BUCKET})))).name).toBe('BucketAlreadyOwnedByYou');
    await put('k', 'x');
    expect((await rejectionOf(s3.send(new DeleteBucketCommand({Bucket: BUCKET})))).name).toBe('BucketNotEmpty');
    expect((await rejectionOf(s3.send(new CreateBucketCommand({Bucket: 'Not_Valid'})))).name).toBe('InvalidBucketName');
  });
});
