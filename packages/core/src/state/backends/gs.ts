/**
 * gs://bucket/prefix — objects `prefix/<key>` in a Google Cloud Storage bucket.
 *
 * Exclusive creates are uploads with `ifGenerationMatch: 0` and lock releases deletes with
 * `ifGenerationMatch: <generation>`, both enforced by GCS itself.
 * Environment: GOOGLE_CLOUD_PROJECT, Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS or
 * `gcloud auth application-default login`), and for emulators KOPSX_GCS_ENDPOINT (`http://127.0.0.1:PORT`)
 * or STORAGE_EMULATOR_HOST, with which no credentials are sent.
 */
import {Storage, type Bucket, type StorageOptions} from '@google-cloud/storage';
import {KopsxError, StateStoreError} from '../../errors.js';
import {assertKeyPrefix, assertStateKey} from '../state-key.js';
import type {StateStore, VersionedObject} from '../state-store.js';
import {gsError, gsStatus} from './gs-errors.js';

function storageOptions(env: NodeJS.ProcessEnv): StorageOptions {
  const emulator = env.STORAGE_EMULATOR_HOST;
  const endpoint =
    env.KOPSX_GCS_ENDPOINT || (emulator && (/^https?:\/\//.test(emulator) ? emulator : `http://${emulator}`));
  if (!endpoint) return env.GOOGLE_CLOUD_PROJECT ? {projectId: env.GOOGLE_CLOUD_PROJECT} : {};
  return {
    projectId: env.GOOGLE_CLOUD_PROJECT,
    apiEndpoint: endpoint.replace(/\/+$/, ''),
    useAuthWithCustomEndpoint: false,
    // A local endpoint answers or is not running at all. With the client's default of 3 retries at growing
    // delays, an emulator that is not running takes ~15 s to report; with one retry, ~3 s.
    retryOptions: {maxRetries: 1},
  };
}

class GsStore implements StateStore {
  readonly url: string;

  constructor(
    private readonly bucket: Bucket,
    /** `''` or `path/` */
    private readonly prefix: string,
  ) {
    this.url = `gs://${bucket.name}${prefix ? `/${prefix.slice(0, -1)}` : ''}`;
  }

  private objectName(key: string): string {
    assertStateKey(key);
    return this.prefix + key;
  }

  private error(action: string, key: string | undefined, err: unknown): KopsxError {
    return gsError(err, {action, bucket: this.bucket.name, where: key === undefined ? this.url : `${this.url}/${key}`});
  }

  async read(key: string): Promise<Buffer | undefined> {
    try {
      const [data] = await this.bucket.file(this.objectName(key)).download();
      return data;
    } catch (err) {
      if (gsStatus(err) === 404) return undefined;
      throw this.error('read', key, err);
    }
  }

  /**
   * Downloads do not report the generation they served, so read it before and after: when both agree,
   * the bytes belong to that generation (generations only grow, even across delete and re-create).
   */
  async readWithVersion(key: string): Promise<VersionedObject | undefined> {
    const file = this.bucket.file(this.objectName(key));
    try {
      for (let attempt = 1; ; attempt++) {
        const [before] = await file.getMetadata();
        const [data] = await file.download();
        const [after] = await file.getMetadata();
        if (String(before.generation) === String(after.generation)) return {data, version: String(after.generation)};
        if (attempt === 5) throw new StateStoreError(`${this.url}/${key} keeps changing while being read`, 'retry');
      }
    } catch (err) {
      if (err instanceof StateStoreError) throw err;
      if (gsStatus(err) === 404) return undefined;
      throw this.error('read', key, err);
    }
  }

  async write(key: string, data: Buffer | string): Promise<void> {
    try {
      await this.bucket.file(this.objectName(key)).save(Buffer.from(data), {resumable: false});
    } catch (err) {
      throw this.error('write', key, err);
    }
  }

  async createIfAbsent(key: string, data: Buffer | string): Promise<boolean> {
    try {
      await this.bucket
        .file(this.objectName(key))
        .save(Buffer.from(data), {resumable: false, preconditionOpts: {ifGenerationMatch: 0}});
      return true;
    } catch (err) {
      if (gsStatus(err) === 412) return false;
      throw this.error('create', key, err);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.bucket.file(this.objectName(key)).delete({ignoreNotFound: true});
    } catch (err) {
      throw this.error('delete', key, err);
    }
  }

  async deleteIfVersion(key: string, version: string): Promise<boolean> {
    try {
      await this.bucket.file(this.objectName(key)).delete({ifGenerationMatch: version});
      return true;
    } catch (err) {
      if (gsStatus(err) === 412 || gsStatus(err) === 404) return false;
      throw this.error('delete', key, err);
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertKeyPrefix(prefix);
    try {
      // autoPaginate (the default) follows nextPageToken until the listing is complete.
      const [files] = await this.bucket.getFiles({prefix: this.prefix + prefix});
      return files.map((file) => file.name.slice(this.prefix.length)).sort();
    } catch (err) {
      throw this.error('list', prefix || undefined, err);
    }
  }

  /** Fails with a hint when the bucket is missing, unreachable or not ours to read. */
  async probe(): Promise<void> {
    let exists: boolean | undefined;
    try {
      [exists] = await this.bucket.exists();
    } catch (err) {
      throw this.error('open', undefined, err);
    }
    if (!exists) throw this.error('open', undefined, {code: 404});
  }
}

export async function openGsStore(url: URL, env: NodeJS.ProcessEnv): Promise<StateStore> {
  if (!url.host) {
    throw new StateStoreError(`state store URL "${url.href}" names no bucket`, 'use gs://<bucket>[/<prefix>]');
  }
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const store = new GsStore(new Storage(storageOptions(env)).bucket(url.host), path ? `${path}/` : '');
  await store.probe();
  return store;
}
