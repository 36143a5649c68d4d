/**
 * s3://bucket/prefix — objects `prefix/<key>` in an S3 bucket (or any S3-compatible server).
 *
 * Exclusive creates are `PutObject` with `If-None-Match: *` and lock releases `DeleteObject` with `If-Match`,
 * both enforced by S3 itself, so two machines can race for a lock safely.
 * Environment: AWS_REGION / AWS_DEFAULT_REGION (default us-east-1), AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL
 * (S3-compatible servers; path-style addressing), AWS_PROFILE or AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
 * (+ AWS_SESSION_TOKEN), KOPS_STATE_S3_SSE (AES256 | aws:kms) and KOPS_STATE_S3_KMS_KEY_ID.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import {KopsxError, StateStoreError} from '../../errors.js';
import {assertKeyPrefix, assertStateKey} from '../state-key.js';
import type {StateStore, VersionedObject, WriteOptions} from '../state-store.js';
import {s3Error, s3ErrorName} from './s3-errors.js';

interface Encryption {
  readonly ServerSideEncryption?: ServerSideEncryption;
  readonly SSEKMSKeyId?: string;
}

/**
 * With KOPS_STATE_S3_SSE (or a KMS key id) every object is written with that encryption. Without it, the
 * bucket's default encryption applies, and secret files are still asked for AES256 explicitly, so that
 * they are encrypted at rest even in a bucket configured without it.
 */
function encryptionFromEnv(env: NodeJS.ProcessEnv): {all: Encryption; secret: Encryption} {
  const kmsKeyId = env.KOPS_STATE_S3_KMS_KEY_ID || undefined;
  const sse = env.KOPS_STATE_S3_SSE || (kmsKeyId ? 'aws:kms' : undefined);
  if (sse === undefined) return {all: {}, secret: {ServerSideEncryption: 'AES256'}};
  if (sse !== 'AES256' && sse !== 'aws:kms') {
    throw new StateStoreError(`KOPS_STATE_S3_SSE="${sse}" is not supported`, 'use AES256 or aws:kms');
  }
  if (sse === 'AES256' && kmsKeyId) {
    throw new StateStoreError(
      'KOPS_STATE_S3_KMS_KEY_ID is set but KOPS_STATE_S3_SSE is AES256',
      'set KOPS_STATE_S3_SSE=aws:kms to use the KMS key, or unset KOPS_STATE_S3_KMS_KEY_ID',
    );
  }
  const all: Encryption = {ServerSideEncryption: sse, ...(kmsKeyId ? {SSEKMSKeyId: kmsKeyId} : {})};
  return {all, secret: all};
}

function clientConfig(env: NodeJS.ProcessEnv): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  const {AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey} = env;
  return {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    // A bucket in another region answers with a redirect; follow it instead of making users set AWS_REGION.
    followRegionRedirects: true,
    ...(endpoint ? {endpoint, forcePathStyle: true} : {}),
    ...(env.AWS_PROFILE ? {profile: env.AWS_PROFILE} : {}),
    ...(accessKeyId && secretAccessKey
      ? {credentials: {accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined}}
      : {}),
  };
}

class S3Store implements StateStore {
  readonly url: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** `''` or `path/` */
    private readonly prefix: string,
    private readonly encryption: {all: Encryption; secret: Encryption},
  ) {
    this.url = `s3://${bucket}${prefix ? `/${prefix.slice(0, -1)}` : ''}`;
  }

  private objectKey(key: string): string {
    assertStateKey(key);
    return this.prefix + key;
  }

  private error(action: string, key: string | undefined, err: unknown): KopsxError {
    return s3Error(err, {action, bucket: this.bucket, where: key === undefined ? this.url : `${this.url}/${key}`});
  }

  async read(key: string): Promise<Buffer | undefined> {
    return (await this.readWithVersion(key))?.data;
  }

  async readWithVersion(key: string): Promise<VersionedObject | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({Bucket: this.bucket, Key: this.objectKey(key)}));
      const data = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      return {data, version: out.ETag ?? ''};
    } catch (err) {
      if (s3ErrorName(err) === 'NoSuchKey') return undefined;
      throw this.error('read', key, err);
    }
  }

  async write(key: string, data: Buffer | string, options: WriteOptions = {}): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand(this.putInput(key, data, options)));
    } catch (err) {
      throw this.error('write', key, err);
    }
  }

  async createIfAbsent(key: string, data: Buffer | string, options: WriteOptions = {}): Promise<boolean> {
    const input = {...this.putInput(key, data, options), IfNoneMatch: '*'};
    // S3 answers 409 ConditionalRequestConflict while a concurrent conditional write is in flight: ask again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new PutObjectCommand(input));
        return true;
      } catch (err) {
        const name = s3ErrorName(err);
        if (name === 'PreconditionFailed') return false;
        if (name !== 'ConditionalRequestConflict' || attempt === 5) throw this.error('create', key, err);
      }
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({Bucket: this.bucket, Key: this.objectKey(key)}));
    } catch (err) {
      throw this.error('delete', key, err);
    }
  }

  async deleteIfVersion(key: string, version: string): Promise<boolean> {
    try {
      await this.client.send(
        new DeleteObjectCommand({Bucket: this.bucket, Key: this.objectKey(key), IfMatch: version}),
      );
      return true;
    } catch (err) {
      const name = s3ErrorName(err);
      if (name === 'PreconditionFailed' || name === 'NoSuchKey') return false;
      throw this.error('delete', key, err);
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertKeyPrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token}),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key) keys.push(object.Key.slice(this.prefix.length));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw this.error('list', prefix || undefined, err);
    }
    return keys.sort();
  }

  /** Fails with a hint when the bucket is missing, unreachable or not ours to read. */
  async probe(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({Bucket: this.bucket}));
    } catch (err) {
      throw this.error('open', undefined, err);
    }
  }

  private putInput(key: string, data: Buffer | string, options: WriteOptions) {
    const encryption = options.secret ? this.encryption.secret : this.encryption.all;
    return {Bucket: this.bucket, Key: this.objectKey(key), Body: Buffer.from(data), ...encryption};
  }
}

export async function openS3Store(url: URL, env: NodeJS.ProcessEnv): Promise<StateStore> {
  const bucket = url.host;
  if (!bucket) {
    throw new StateStoreError(`state store URL "${url.href}" names no bucket`, 'use s3://<bucket>[/<prefix>]');
  }
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const store = new S3Store(new S3Client(clientConfig(env)), bucket, path ? `${path}/` : '', encryptionFromEnv(env));
  await store.probe();
  return store;
}
