import {createHash} from 'node:crypto';
import {noSuchBucket, S3Error} from './s3-error.js';

/** How an object is encrypted at rest, as the `x-amz-server-side-encryption*` headers describe it. */
export interface S3Encryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  readonly algorithm: string;
  readonly kmsKeyId?: string;
}

export interface S3Object {
  readonly key: string;
  readonly body: Buffer;
  /** Quoted hex MD5 of the body, as S3 returns it for single-part uploads. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  /** User metadata, from `x-amz-meta-*` headers (names lower-cased, without the prefix). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly encryption: S3Encryption;
  /** Checksums the client sent (`x-amz-checksum-crc32` → value), echoed when it asks for them. */
  readonly checksums: Readonly<Record<string, string>>;
}

export interface S3Bucket {
  readonly name: string;
  readonly region: string;
  readonly createdAt: Date;
  readonly objects: Map<string, S3Object>;
}

export interface S3ObjectInput {
  readonly body: Buffer | string;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly encryption?: S3Encryption;
  readonly checksums?: Readonly<Record<string, string>>;
}

/** Real S3 encrypts every new object with SSE-S3 unless told otherwise. */
const DEFAULT_ENCRYPTION: S3Encryption = {algorithm: 'AES256'};
const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The in-memory buckets and objects of the simulated S3. */
export class S3Store {
  readonly #buckets = new Map<string, S3Bucket>();

  buckets(): S3Bucket[] {
    return [...this.#buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The bucket, or S3's NoSuchBucket error. */
  bucket(name: string): S3Bucket {
    const bucket = this.#buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  createBucket(name: string, options: {region?: string} = {}): S3Bucket {
    if (!BUCKET_NAME.test(name) || name.includes('..')) {
      throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', {BucketName: name});
    }
    if (this.#buckets.has(name)) {
      throw new S3Error(409, 'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.', {BucketName: name});
    }
    const bucket: S3Bucket = {name, region: options.region ?? 'us-east-1', createdAt: new Date(), objects: new Map()};
    this.#buckets.set(name, bucket);
    return bucket;
  }

  deleteBucket(name: string): void {
    if (this.bucket(name).objects.size > 0) {
      throw new S3Error(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', {BucketName: name});
    }
    this.#buckets.delete(name);
  }

  object(bucket: string, key: string): S3Object | undefined {
    return this.bucket(bucket).objects.get(key);
  }

  putObject(bucket: string, key: string, input: S3ObjectInput): S3Object {
    const body = typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
    const object: S3Object = {
      key,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(),
      contentType: input.contentType ?? 'application/octet-stream',
      metadata: input.metadata ?? {},
      encryption: input.encryption ?? DEFAULT_ENCRYPTION,
      checksums: input.checksums ?? {},
    };
    this.bucket(bucket).objects.set(key, object);
    return object;
  }

  deleteObject(bucket: string, key: string): void {
    this.bucket(bucket).objects.delete(key);
  }

  clear(): void {
    this.#buckets.clear();
  }
}
