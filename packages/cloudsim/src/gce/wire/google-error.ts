import type {SimResponse} from '../../service.js';

const JSON_TYPE = {'content-type': 'application/json; charset=UTF-8'};

/**
 * An error in the shape Google's APIs return. Compute and Cloud DNS use the v1 shape
 * `{error: {code, message, errors: [{message, domain, reason}]}}`; IAM the newer one with a gRPC-style
 * `status` (`NOT_FOUND`) instead of `errors`. The SDKs map `code` to their own error codes (404 → 5).
 */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    /** The machine-readable reason: `notFound`, `alreadyExists`, `resourceInUseByAnotherResource`, ... */
    readonly reason: string,
    message: string,
    /** Set for APIs that answer with a gRPC status name instead of `errors[]` (IAM). */
    readonly grpcStatus?: string,
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }

  toResponse(): SimResponse {
    const details = this.grpcStatus === undefined
      ? {errors: [{message: this.message, domain: this.reason === 'rateLimitExceeded' ? 'usageLimits' : 'global', reason: this.reason}]}
      : {status: this.grpcStatus};
    return {status: this.status, headers: JSON_TYPE, body: JSON.stringify({error: {code: this.status, message: this.message, ...details}})};
  }
}

export const notFound = (path: string): GoogleApiError =>
  new GoogleApiError(404, 'notFound', `The resource '${path}' was not found`);

export const alreadyExists = (path: string): GoogleApiError =>
  new GoogleApiError(409, 'alreadyExists', `The resource '${path}' already exists`);

/** `typeName` is Google's snake_case name of the resource type: `network`, `instance_template`, ... */
export const resourceInUse = (typeName: string, path: string, userPath: string): GoogleApiError =>
  new GoogleApiError(400, 'resourceInUseByAnotherResource', `The ${typeName} resource '${path}' is already being used by '${userPath}'`);

export const invalidField = (field: string, value: unknown, why: string): GoogleApiError =>
  new GoogleApiError(400, 'invalid', `Invalid value for field '${field}': '${typeof value === 'string' ? value : JSON.stringify(value)}'. ${why}`);

export const requiredField = (field: string): GoogleApiError =>
  new GoogleApiError(400, 'required', `Required field '${field}' not specified`);

export const fingerprintMismatch = (what: string): GoogleApiError =>
  new GoogleApiError(412, 'conditionNotMet', `Supplied fingerprint does not match current ${what} fingerprint.`);

export const notSimulated = (action: string): GoogleApiError =>
  new GoogleApiError(501, 'notImplemented', `kopsx-cloudsim does not simulate ${action}`);

export const badRequestBody = (): GoogleApiError =>
  new GoogleApiError(400, 'parseError', 'This API does not support parsing form-encoded input, or the JSON body is invalid.');

/** What every Google API answers when the simulator throttles a call. */
export const rateLimited = (service: string): GoogleApiError =>
  new GoogleApiError(429, 'rateLimitExceeded',
    `Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service '${service}'.`);

/** What every Google API answers for an injected fault. */
export const backendError = (): GoogleApiError =>
  new GoogleApiError(500, 'backendError', 'Internal error. Please try again or contact Google Support.');

/** A request body as a JSON object: the SDK sends `""` or nothing for methods without a body. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '' || text === '""') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequestBody();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequestBody();
  return value as Record<string, unknown>;
}

export function jsonOk(value: unknown): SimResponse {
  return {status: 200, headers: JSON_TYPE, body: JSON.stringify(value)};
}
