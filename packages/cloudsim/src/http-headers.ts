import type {IncomingHttpHeaders} from 'node:http';

/** One request header as a single string (Node lower-cases names; repeated headers are joined). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
