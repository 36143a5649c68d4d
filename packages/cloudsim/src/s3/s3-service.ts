import {header} from '../http-headers.js';
import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../service.js';
import {createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets} from './buckets.js';
import {deleteObjects} from './delete-objects.js';
import {listObjects, listObjectsV2} from './list-objects.js';
import {deleteObject, getObject, headObject, putObject} from './objects.js';
import {MUTATING_OPERATIONS, parseS3Call, type S3Handler, type S3Operation} from './s3-call.js';
import {newRequestId, S3Error} from './s3-error.js';
import {S3Store} from './s3-store.js';

const HANDLERS: Readonly<Record<S3Operation, S3Handler>> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  DeleteBucket: deleteBucket,
  GetBucketLocation: getBucketLocation,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  DeleteObjects: deleteObjects,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
};

/** Signed with SigV4 for the `s3` service, in the Authorization header or a presigned URL. */
const S3_SCOPE = /\/s3\/aws4_request/;

/**
 * Amazon S3 over REST-XML, path-style (`/bucket/key`). Requests are recognised by their SigV4 signing scope,
 * so Query-protocol services posting to `/` never land here; signatures themselves are not checked.
 */
export class S3Service implements SimService {
  readonly name = 's3';
  readonly cloud = 'aws';
  /** The buckets and objects; tests may seed or inspect them directly. */
  readonly store = new S3Store();

  matches(req: SimRequest): boolean {
    const authorization = header(req.headers, 'authorization');
    if (authorization !== undefined) return S3_SCOPE.test(authorization);
    return S3_SCOPE.test(req.url.searchParams.get('X-Amz-Credential') ?? '');
  }

  describe(req: SimRequest): SimAction {
    const {action, operation} = parseS3Call(req);
    return {action, mutating: operation !== undefined && MUTATING_OPERATIONS.has(operation)};
  }

  handle(req: SimRequest): SimResponse {
    const call = parseS3Call(req);
    try {
      if (call.operation === undefined) {
        throw new S3Error(501, 'NotImplemented', `kopsx-cloudsim does not simulate ${call.action}`);
      }
      const response = HANDLERS[call.operation](this.store, req, call);
      return {...response, headers: {'x-amz-request-id': newRequestId(), ...response.headers}};
    } catch (error) {
      if (error instanceof S3Error) return error.toResponse();
      throw error;
    }
  }

  throttled(): SimResponse {
    return new S3Error(503, 'SlowDown', 'Please reduce your request rate.').toResponse();
  }

  fault(): SimResponse {
    return new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.').toResponse();
  }

  resources(): SimResource[] {
    return this.store.buckets().map((bucket) => ({cloud: this.cloud, kind: 'bucket', id: bucket.name, name: bucket.name, tags: {}}));
  }

  reset(): void {
    this.store.clear();
  }
}
