/** Turns Google Cloud Storage client errors into StateStoreErrors with hints, without client stacks. */
import {KopsxError, StateStoreError} from '../../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

interface ClientError {
  readonly code?: number | string;
  readonly message?: string;
}

/** The HTTP status of a GCS API error, undefined for network and other errors. */
export function gsStatus(err: unknown): number | undefined {
  const code = (err as ClientError | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The Node error code (`ECONNREFUSED`, ...) of a network failure, looking through wrapped causes. */
function networkCode(err: unknown): string | undefined {
  for (let e = err as (ClientError & {cause?: unknown}) | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export interface GsErrorContext {
  readonly action: string;
  readonly bucket: string;
  readonly where: string;
}

export function gsError(err: unknown, {action, bucket, where}: GsErrorContext): KopsxError {
  // Our own errors (an invalid key, ...) pass through unchanged.
  if (err instanceof KopsxError) return err;
  const status = gsStatus(err);
  const message = (err as ClientError | undefined)?.message ?? String(err);
  if (status === 404 && action === 'open') {
    return new StateStoreError(
      `GCS bucket "${bucket}" does not exist (state store ${where})`,
      `create it first, e.g. "gcloud storage buckets create gs://${bucket}", or fix --state`,
    );
  }
  if (status === 401 || status === 403) {
    return new StateStoreError(
      `access denied to ${where} (${action}): ${message}`,
      'check your Google credentials (gcloud auth application-default login, GOOGLE_APPLICATION_CREDENTIALS)',
    );
  }
  if (/default credentials|could not load the default credentials/i.test(message)) {
    return new StateStoreError(
      `no Google credentials for ${where}`,
      'run "gcloud auth application-default login" or set GOOGLE_APPLICATION_CREDENTIALS',
    );
  }
  const code = networkCode(err);
  if (code) {
    return new StateStoreError(
      `cannot reach Google Cloud Storage for ${where}: ${code}`,
      'check your network, and KOPSX_GCS_ENDPOINT / STORAGE_EMULATOR_HOST if you use an emulator',
    );
  }
  return new StateStoreError(`GCS ${action} of ${where} failed: ${status ? `HTTP ${status}: ` : ''}${message}`);
}
