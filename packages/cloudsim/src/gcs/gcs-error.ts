import type {SimResponse} from '../service.js';

/** A Google JSON API error; operations throw it and the service renders Google's error body. */
export class GcsError extends Error {
  constructor(
    readonly status: number,
    /** Google's machine-readable reason: `notFound`, `conditionNotMet`, `conflict`, ... */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'GcsError';
  }

  toResponse(): SimResponse {
    const body = {
      error: {code: this.status, message: this.message, errors: [{message: this.message, domain: 'global', reason: this.reason}]},
    };
    return {status: this.status, headers: {'content-type': 'application/json; charset=UTF-8'}, body: JSON.stringify(body)};
  }
}

export const bucketNotFound = (): GcsError => new GcsError(404, 'notFound', 'The specified bucket does not exist.');

export const objectNotFound = (bucket: string, name: string): GcsError =>
  new GcsError(404, 'notFound', `No such object: ${bucket}/${name}`);

export const conditionNotMet = (): GcsError =>
  new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');

export const invalid = (message: string): GcsError => new GcsError(400, 'invalid', message);
