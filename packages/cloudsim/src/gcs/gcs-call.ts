import type {SimRequest, SimResponse} from '../service.js';
import type {GcsService} from './gcs-service.js';

/** The JSON API methods the simulator implements, named as Google's discovery document names them. */
export type GcsOperation =
  | 'storage.buckets.insert'
  | 'storage.buckets.list'
  | 'storage.buckets.get'
  | 'storage.buckets.delete'
  | 'storage.objects.list'
  | 'storage.objects.get'
  | 'storage.objects.delete'
  | 'storage.objects.insert';

export interface GcsCall {
  /** Undefined when the request asks for something the simulator does not have (compose, rewrite, ACLs...). */
  readonly operation: GcsOperation | undefined;
  /** The name for the request log. */
  readonly action: string;
  readonly bucket: string;
  readonly object: string;
}

export type GcsHandler = (service: GcsService, req: SimRequest, call: GcsCall) => SimResponse;

export const MUTATING_OPERATIONS: ReadonlySet<string> = new Set<GcsOperation>([
  'storage.buckets.insert', 'storage.buckets.delete', 'storage.objects.delete', 'storage.objects.insert',
]);

/**
 * Path prefixes of the JSON API. In emulator mode (`STORAGE_EMULATOR_HOST`) the client drops `/storage/v1`
 * from JSON calls but keeps `/upload/storage/v1` for uploads, so both shapes are accepted.
 */
const PREFIXES = ['/upload/storage/v1', '/download/storage/v1', '/storage/v1', ''];
const RESOURCE_PATH = /^\/b(?:\/(?<bucket>[^/]+)(?<objects>\/o(?:\/(?<object>.+))?)?)?\/?$/;

const OPERATIONS: Readonly<Record<string, GcsOperation>> = {
  'POST buckets': 'storage.buckets.insert',
  'GET buckets': 'storage.buckets.list',
  'GET bucket': 'storage.buckets.get',
  'DELETE bucket': 'storage.buckets.delete',
  'GET objects': 'storage.objects.list',
  'GET object': 'storage.objects.get',
  'DELETE object': 'storage.objects.delete',
  // Uploads: a multipart or media upload, a resumable session start, or a resumable session's data.
  'POST upload objects': 'storage.objects.insert',
  'PUT upload objects': 'storage.objects.insert',
};

/** Whether the path has the shape of a Cloud Storage JSON API call (`/storage/v1/b/...`, `/b/...`, ...). */
export function isGcsPath(pathname: string): boolean {
  return PREFIXES.some((prefix) => pathname === `${prefix}/b` || pathname.startsWith(`${prefix}/b/`));
}

export function parseGcsCall(req: SimRequest): GcsCall {
  const path = req.url.pathname;
  const prefix = PREFIXES.find((candidate) => path === `${candidate}/b` || path.startsWith(`${candidate}/b/`)) ?? '';
  const groups = RESOURCE_PATH.exec(path.slice(prefix.length))?.groups;
  const bucket = decode(groups?.bucket ?? '');
  const object = decode(groups?.object ?? '');
  const level = bucket === '' ? 'buckets' : groups?.objects === undefined ? 'bucket' : object === '' ? 'objects' : 'object';
  const upload = prefix === '/upload/storage/v1' ? 'upload ' : '';
  const operation = groups ? OPERATIONS[`${req.method} ${upload}${level}`] : undefined;
  return {operation, action: operation ?? `${req.method} ${path}`, bucket, object};
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
