import type {SimResponse} from './service.js';

/** A JSON response, for the admin API and for requests no service answers. */
export function jsonResponse(status: number, value: unknown): SimResponse {
  return {status, headers: {'content-type': 'application/json'}, body: JSON.stringify(value)};
}
