/**
 * What a failed AWS call means for the engine's retry loop. The SDK gives the AWS error code as `error.name`
 * and the HTTP status in `$metadata`; socket errors carry a Node `code` instead.
 */
import type {ErrorClass} from '@kopsx/core';

const THROTTLED = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestThrottled',
  'PriorRequestNotComplete',
  'SlowDown',
]);

/** Something still uses the resource (delete order) or is still changing: it goes away with time. */
const DEPENDENCY = new Set([
  'DependencyViolation',
  'ResourceInUse',
  'DeleteConflict',
  'ScalingActivityInProgress',
  'InvalidIPAddress.InUse',
  'VolumeInUse',
  'IncorrectState',
]);

const TRANSIENT = new Set(['InternalError', 'InternalFailure', 'ServiceUnavailable', 'Unavailable', 'RequestTimeout', 'TimeoutError']);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);

interface AwsErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: {readonly httpStatusCode?: number};
}

export function classifyError(error: unknown): ErrorClass {
  if (typeof error !== 'object' || error === null) return 'fatal';
  const {name: sdkName = '', code = '', message = '', $metadata} = error as AwsErrorShape;
  if (sdkName === 'AbortError') return 'fatal';
  // The SDKs name modelled errors after their shapes: IAM's `NoSuchEntity` arrives as `NoSuchEntityException`,
  // Auto Scaling's `ResourceInUse` as `ResourceInUseFault`.
  const name = sdkName.replace(/(Exception|Fault)$/, '');
  if (THROTTLED.has(name)) return 'throttled';
  if (DEPENDENCY.has(name)) return 'dependency';
  if (isNotFound(name, message) || isNotPropagatedYet(name, message)) return 'not-found';
  if (TRANSIENT.has(name) || NETWORK_CODES.has(code)) return 'transient';
  if (($metadata?.httpStatusCode ?? 0) >= 500) return 'transient';
  return 'fatal';
}

/**
 * `InvalidVpcID.NotFound`, `NatGatewayNotFound`, IAM's `NoSuchEntity`; Auto Scaling and Route53 say it in a
 * generic error's message (`ValidationError: AutoScalingGroup name not found`, `InvalidChangeBatch: ... it
 * was not found`).
 */
function isNotFound(name: string, message: string): boolean {
  if (name.endsWith('NotFound') || name === 'NoSuchEntity') return true;
  return (name === 'ValidationError' || name === 'InvalidChangeBatch') && /not found/i.test(message);
}

/**
 * A new instance profile takes seconds to be usable by EC2 and Auto Scaling, which then reject it as an invalid
 * parameter rather than a missing one: the same eventual consistency as a NotFound right after a create.
 */
function isNotPropagatedYet(name: string, message: string): boolean {
  return (name === 'InvalidParameterValue' || name === 'ValidationError') && /instance ?profile/i.test(message);
}
