import type {SimRequest, SimResponse} from '../service.js';
import type {S3Store} from './s3-store.js';

/** The S3 operations the simulator implements. */
export type S3Operation =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'HeadBucket'
  | 'DeleteBucket'
  | 'GetBucketLocation'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'DeleteObjects'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject';

/** One request, decoded from its path-style URL (`/bucket/key`), method and sub-resource. */
export interface S3Call {
  /** Undefined when the request asks for an S3 feature the simulator does not have. */
  readonly operation: S3Operation | undefined;
  /** The name for the request log: the operation, or e.g. `PUT /bucket?versioning` when unsupported. */
  readonly action: string;
  readonly bucket: string;
  readonly key: string;
}

export const MUTATING_OPERATIONS: ReadonlySet<string> = new Set<S3Operation>([
  'CreateBucket', 'DeleteBucket', 'DeleteObjects', 'PutObject', 'DeleteObject',
]);

/** Query parameters that tune an operation; any other parameter names a sub-resource (`?versioning`, `?tagging`). */
const PLAIN_PARAMETERS = new Set([
  'x-id', 'list-type', 'prefix', 'delimiter', 'continuation-token', 'max-keys', 'start-after', 'marker',
  'encoding-type', 'fetch-owner', 'max-buckets', 'bucket-region',
]);

const OPERATIONS: Readonly<Record<string, S3Operation>> = {
  'GET service': 'ListBuckets',
  'PUT bucket': 'CreateBucket',
  'HEAD bucket': 'HeadBucket',
  'DELETE bucket': 'DeleteBucket',
  'GET bucket ?location': 'GetBucketLocation',
  'GET bucket': 'ListObjects',
  'POST bucket ?delete': 'DeleteObjects',
  'PUT object': 'PutObject',
  'GET object': 'GetObject',
  'HEAD object': 'HeadObject',
  'DELETE object': 'DeleteObject',
};

export function parseS3Call(req: SimRequest): S3Call {
  const path = req.url.pathname;
  const slash = path.indexOf('/', 1);
  const bucket = decodePathPart(slash < 0 ? path.slice(1) : path.slice(1, slash));
  const key = slash < 0 ? '' : decodePathPart(path.slice(slash + 1));
  const level = bucket === '' ? 'service' : key === '' ? 'bucket' : 'object';
  const subresource = [...req.url.searchParams.keys()].find(
    (name) => !PLAIN_PARAMETERS.has(name) && !name.toLowerCase().startsWith('x-amz-') && !name.startsWith('response-'),
  );
  let operation: S3Operation | undefined = OPERATIONS[`${req.method} ${level}${subresource ? ` ?${subresource}` : ''}`];
  if (operation === 'ListObjects' && req.url.searchParams.get('list-type') === '2') operation = 'ListObjectsV2';
  // Copies arrive as a PUT with a source header; the simulator does not copy.
  if (operation === 'PutObject' && req.headers['x-amz-copy-source'] !== undefined) operation = undefined;
  const action = operation ?? req.url.searchParams.get('x-id') ?? `${req.method} ${path}${subresource ? `?${subresource}` : ''}`;
  return {operation, action, bucket, key};
}

/** Keys arrive percent-encoded; a malformed escape is taken literally rather than failing the request. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** An operation's implementation; it throws `S3Error` for S3's error responses. */
export type S3Handler = (store: S3Store, req: SimRequest, call: S3Call) => SimResponse;
