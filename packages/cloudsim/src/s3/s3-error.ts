import {randomBytes} from 'node:crypto';
import type {SimResponse} from '../service.js';
import {el, xmlPlainDocument} from './xml.js';

/**
 * An S3 error response. Operations throw it; the service turns it into S3's XML error body, so a handler
 * can bail out from deep inside a precondition check.
 */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements S3 adds to the error body, e.g. `BucketName` or `Key`. */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }

  toResponse(): SimResponse {
    const requestId = newRequestId();
    const details = Object.entries(this.details).map(([name, value]) => el(name, value));
    const body = xmlPlainDocument('Error', el('Code', this.code), el('Message', this.message), details, el('RequestId', requestId));
    return {status: this.status, headers: {'content-type': 'application/xml', 'x-amz-request-id': requestId}, body};
  }
}

export function newRequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', {BucketName: bucket});

export const noSuchKey = (key: string): S3Error =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', {Key: key});

export const preconditionFailed = (condition: string): S3Error =>
  new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {Condition: condition});

export const invalidArgument = (message: string, name: string, value: string): S3Error =>
  new S3Error(400, 'InvalidArgument', message, {ArgumentName: name, ArgumentValue: value});
