/**
 * What a failed Google Cloud call means for the engine's retry loop. Each client says it its own way:
 * `@google-cloud/compute` gives a gRPC status `code` (404 → 5, 429 → 8, ...), `@google-cloud/dns` the HTTP
 * status as `code` with Google's `errors[].reason`, the IAM calls an HTTP status (GoogleHttpError), and a
 * failed operation its error codes (OperationError). Socket errors carry a Node `code` string.
 */
import type {ErrorClass} from '@kopsx/core';
import {GoogleHttpError} from './google-http-error.js';
import {OperationError} from './operation-error.js';

/** gRPC status codes as the Compute client reports them. */
const GRPC = {invalidArgument: 3, deadlineExceeded: 4, notFound: 5, resourceExhausted: 8, internal: 13, unavailable: 14} as const;

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** Codes a failed operation reports for something another resource still holds or that is not ready yet. */
const OPERATION_DEPENDENCY = new Set(['RESOURCE_IN_USE_BY_ANOTHER_RESOURCE', 'RESOURCE_NOT_READY', 'RESOURCE_OPERATION_RATE_EXCEEDED']);

/** Google's message for a delete refused because something uses the resource. */
const IN_USE = /is already being used by|resourceInUseByAnotherResource/i;

interface GoogleErrorShape {
  readonly name?: string;
  readonly code?: number | string;
  readonly message?: string;
  readonly errors?: readonly {readonly reason?: string}[];
  readonly cause?: {readonly code?: string};
}

export function classifyError(error: unknown): ErrorClass {
  if (typeof error !== 'object' || error === null) return 'fatal';
  if (error instanceof OperationError) return classifyOperation(error);
  if (error instanceof GoogleHttpError) return classifyHttp(error.status, error.reason ?? '', error.message);
  const {name = '', code, message = '', errors, cause} = error as GoogleErrorShape;
  if (name === 'AbortError') return 'fatal';
  // fetch reports a socket error as a TypeError whose cause has the code.
  const socketCode = typeof code === 'string' ? code : cause?.code;
  if (socketCode !== undefined && NETWORK_CODES.has(socketCode)) return 'transient';
  if (typeof code !== 'number') return 'fatal';
  // HTTP statuses start at 100; gRPC codes end at 16.
  if (code >= 100) return classifyHttp(code, errors?.[0]?.reason ?? '', message);
  switch (code) {
    case GRPC.resourceExhausted:
      return 'throttled';
    case GRPC.notFound:
      return 'not-found';
    case GRPC.invalidArgument:
      return IN_USE.test(message) ? 'dependency' : 'fatal';
    case GRPC.internal:
    case GRPC.unavailable:
    case GRPC.deadlineExceeded:
      return 'transient';
    default:
      return 'fatal';
  }
}

function classifyHttp(status: number, reason: string, message: string): ErrorClass {
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'RESOURCE_EXHAUSTED') return 'throttled';
  if (status === 404) return 'not-found';
  if (status === 400 && (reason === 'resourceInUseByAnotherResource' || IN_USE.test(message))) return 'dependency';
  if (status >= 500) return 'transient';
  return 'fatal';
}

function classifyOperation(error: OperationError): ErrorClass {
  const codes = error.errors.map((e) => e.code ?? '');
  if (codes.some((code) => OPERATION_DEPENDENCY.has(code))) return 'dependency';
  if (codes.includes('RESOURCE_NOT_FOUND')) return 'not-found';
  return classifyHttp(error.httpStatus ?? 0, codes.includes('RATE_LIMIT_EXCEEDED') ? 'rateLimitExceeded' : '', error.message);
}
