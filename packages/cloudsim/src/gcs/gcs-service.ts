import {header} from '../http-headers.js';
import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../service.js';
import {deleteBucket, getBucket, insertBucket, listBuckets} from './buckets.js';
import {isGcsPath, MUTATING_OPERATIONS, parseGcsCall, type GcsHandler, type GcsOperation} from './gcs-call.js';
import {GcsError} from './gcs-error.js';
import {GcsStore} from './gcs-store.js';
import {deleteObject, getObject, listObjects} from './objects.js';
import {ResumableUploads} from './resumable-uploads.js';
import {insertObject} from './uploads.js';

const HANDLERS: Readonly<Record<GcsOperation, GcsHandler>> = {
  'storage.buckets.insert': insertBucket,
  'storage.buckets.list': listBuckets,
  'storage.buckets.get': getBucket,
  'storage.buckets.delete': deleteBucket,
  'storage.objects.list': listObjects,
  'storage.objects.get': getObject,
  'storage.objects.delete': deleteObject,
  'storage.objects.insert': insertObject,
};

/**
 * Google Cloud Storage's JSON API as @google-cloud/storage calls it: buckets, objects, multipart, media and
 * resumable uploads, generations and preconditions. Recognised by path; AWS-signed requests are left alone.
 */
export class GcsService implements SimService {
  readonly name = 'gcs';
  readonly cloud = 'gce';
  /** The buckets and objects; tests may seed or inspect them directly. */
  readonly store = new GcsStore();
  readonly uploads = new ResumableUploads();

  matches(req: SimRequest): boolean {
    return !header(req.headers, 'authorization')?.startsWith('AWS4-') && isGcsPath(req.url.pathname);
  }

  describe(req: SimRequest): SimAction {
    const {action, operation} = parseGcsCall(req);
    return {action, mutating: operation !== undefined && MUTATING_OPERATIONS.has(operation)};
  }

  handle(req: SimRequest): SimResponse {
    const call = parseGcsCall(req);
    try {
      if (call.operation === undefined) throw new GcsError(501, 'notImplemented', `kopsx-cloudsim does not simulate ${call.action}`);
      return HANDLERS[call.operation](this, req, call);
    } catch (error) {
      if (error instanceof GcsError) return error.toResponse();
      throw error;
    }
  }

  throttled(): SimResponse {
    return new GcsError(429, 'rateLimitExceeded', 'The rate of requests exceeds the rate limit. Please retry with exponential backoff.').toResponse();
  }

  fault(): SimResponse {
    return new GcsError(500, 'backendError', 'Backend Error').toResponse();
  }

  resources(): SimResource[] {
    return this.store.buckets().map((bucket) => ({cloud: this.cloud, kind: 'bucket', id: bucket.name, name: bucket.name, tags: {...bucket.labels}}));
  }

  reset(): void {
    this.store.clear();
    this.uploads.clear();
  }
}
