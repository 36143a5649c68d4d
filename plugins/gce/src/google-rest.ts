/**
 * JSON calls to a Google REST API that has no client among the installed packages (IAM service accounts), with
 * Application Default Credentials or, on an anonymous endpoint, none.
 */
import {GoogleAuth} from 'google-auth-library';
import type {ServiceEndpoint} from './endpoint-overrides.js';
import {GoogleHttpError} from './google-http-error.js';

export interface RestRequest {
  /** Relative to the service endpoint: `v1/projects/p/serviceAccounts`. */
  readonly path: string;
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export type GoogleRest = <T>(request: RestRequest) => Promise<T>;

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

export function googleRest(endpoint: ServiceEndpoint): GoogleRest {
  const auth = endpoint.anonymous ? undefined : new GoogleAuth({scopes: [CLOUD_PLATFORM]});
  return async <T>({path, method = 'GET', query = {}, body, signal}: RestRequest): Promise<T> => {
    const url = new URL(path, endpoint.url);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    const headers = new Headers(auth ? await auth.getRequestHeaders(url.href) : undefined);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal});
    const json = parsed(await response.text());
    if (!response.ok) throw httpError(response.status, json);
    return json as T;
  };
}

/** The body as JSON; a proxy's HTML error page or an empty body is no JSON, and reads as `{}`. */
function parsed(text: string): unknown {
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    return {};
  }
}

/** Google's error body: `{error: {code, message, status?, errors?: [{reason}]}}`. */
function httpError(status: number, json: unknown): GoogleHttpError {
  const error = (json as {error?: {message?: string; status?: string; errors?: {reason?: string}[]}}).error;
  return new GoogleHttpError(status, error?.message ?? `HTTP ${status}`, error?.errors?.[0]?.reason ?? error?.status);
}
