import {createHash} from 'node:crypto';
import {crc32cBase64} from './crc32c.js';
import {bucketNotFound, GcsError, invalid} from './gcs-error.js';

export interface GcsObject {
  readonly bucket: string;
  readonly name: string;
  readonly data: Buffer;
  /** Bumped on every write of the name; preconditions compare against it. */
  readonly generation: number;
  readonly metageneration: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly md5Hash: string;
  readonly crc32c: string;
  readonly created: Date;
}

export interface GcsBucket {
  readonly name: string;
  readonly location: string;
  readonly storageClass: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly created: Date;
  readonly objects: Map<string, GcsObject>;
}

export interface GcsBucketInput {
  readonly location?: string;
  readonly storageClass?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface GcsObjectInput {
  readonly data: Buffer | string;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/** The in-memory buckets and objects of the simulated Cloud Storage. */
export class GcsStore {
  readonly #buckets = new Map<string, GcsBucket>();
  /** Like GCS, generations come from a microsecond clock; the counter keeps them strictly increasing. */
  #lastGeneration = 0;

  buckets(): GcsBucket[] {
    return [...this.#buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The bucket, or Google's 404 notFound. */
  bucket(name: string): GcsBucket {
    const bucket = this.#buckets.get(name);
    if (!bucket) throw bucketNotFound();
    return bucket;
  }

  createBucket(name: string, input: GcsBucketInput = {}): GcsBucket {
    if (!BUCKET_NAME.test(name) || name.includes('..')) throw invalid(`Invalid bucket name: '${name}'`);
    if (this.#buckets.has(name)) {
      throw new GcsError(409, 'conflict', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    const bucket: GcsBucket = {
      name,
      location: (input.location ?? 'US').toUpperCase(),
      storageClass: input.storageClass ?? 'STANDARD',
      labels: input.labels ?? {},
      created: new Date(),
      objects: new Map(),
    };
    this.#buckets.set(name, bucket);
    return bucket;
  }

  deleteBucket(name: string): void {
    if (this.bucket(name).objects.size > 0) {
      throw new GcsError(409, 'conflict', 'The bucket you tried to delete is not empty.');
    }
    this.#buckets.delete(name);
  }

  object(bucket: string, name: string): GcsObject | undefined {
    return this.bucket(bucket).objects.get(name);
  }

  putObject(bucket: string, name: string, input: GcsObjectInput): GcsObject {
    const data = typeof input.data === 'string' ? Buffer.from(input.data) : input.data;
    const object: GcsObject = {
      bucket,
      name,
      data,
      generation: this.#nextGeneration(),
      metageneration: 1,
      contentType: input.contentType ?? 'application/octet-stream',
      metadata: input.metadata ?? {},
      md5Hash: createHash('md5').update(data).digest('base64'),
      crc32c: crc32cBase64(data),
      created: new Date(),
    };
    this.bucket(bucket).objects.set(name, object);
    return object;
  }

  deleteObject(bucket: string, name: string): void {
    this.bucket(bucket).objects.delete(name);
  }

  clear(): void {
    this.#buckets.clear();
  }

  #nextGeneration(): number {
    this.#lastGeneration = Math.max(this.#lastGeneration + 1, Date.now() * 1000);
    return this.#lastGeneration;
  }
}
