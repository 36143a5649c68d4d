/** Turns AWS SDK errors into StateStoreErrors that say what failed and how to fix it, without SDK stacks. */
import {KopsxError, StateStoreError} from '../../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']);

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: {readonly httpStatusCode?: number};
}

/** The S3 error code (`NoSuchKey`, `PreconditionFailed`, ...); HEAD answers have no body, so map their status. */
export function s3ErrorName(err: unknown): string | undefined {
  const {name, $metadata} = (err ?? {}) as SdkError;
  const status = $metadata?.httpStatusCode;
  if (status === 412) return 'PreconditionFailed';
  if (name === 'NotFound' && status === 404) return 'NoSuchBucket';
  return name;
}

export interface S3ErrorContext {
  /** What we were doing: `read`, `write`, `open`, ... */
  readonly action: string;
  readonly bucket: string;
  /** The object or store URL the action was about. */
  readonly where: string;
}

export function s3Error(err: unknown, {action, bucket, where}: S3ErrorContext): KopsxError {
  // Our own errors (an invalid key, ...) pass through unchanged.
  if (err instanceof KopsxError) return err;
  const sdk = (err ?? {}) as SdkError;
  const name = s3ErrorName(err);
  const status = sdk.$metadata?.httpStatusCode;
  if (name === 'NoSuchBucket') {
    return new StateStoreError(
      `S3 bucket "${bucket}" does not exist (state store ${where})`,
      `create it first, e.g. "aws s3 mb s3://${bucket}" (turn on versioning to keep old specs), or fix --state`,
    );
  }
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
    return new StateStoreError(
      `access denied to ${where} (${action})`,
      'check that your AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID) may use this bucket',
    );
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(sdk.message ?? '')) {
    return new StateStoreError(
      `no usable AWS credentials for ${where}: ${sdk.message ?? name}`,
      'set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  }
  const code = sdk.code ?? (err instanceof AggregateError ? (err.errors[0] as SdkError | undefined)?.code : undefined);
  if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError') {
    return new StateStoreError(
      `cannot reach S3 for ${where}: ${code ?? name}`,
      'check your network, AWS_REGION, and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_S3 if you use an S3-compatible server',
    );
  }
  return new StateStoreError(`S3 ${action} of ${where} failed: ${name ?? 'error'}: ${sdk.message ?? String(err)}`);
}
