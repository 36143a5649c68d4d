/**
 * Where the Google APIs are. By default Google's own endpoints; gcloud's override variables point a service
 * elsewhere (a private endpoint, an emulator, the kopsx simulator):
 *
 *   CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE=http://127.0.0.1:4566/compute/v1/
 *   CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS=http://127.0.0.1:4566/dns/v1/
 *   CLOUDSDK_API_ENDPOINT_OVERRIDES_IAM=http://127.0.0.1:4566/
 *
 * An `http:` endpoint gets no credentials: tokens never travel in clear text, and an emulator needs none.
 */
import {KopsxError} from '@kopsx/core';

export type GoogleService = 'compute' | 'dns' | 'iam';

export const OVERRIDE_VARIABLES: Readonly<Record<GoogleService, string>> = {
  compute: 'CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE',
  dns: 'CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS',
  iam: 'CLOUDSDK_API_ENDPOINT_OVERRIDES_IAM',
};

const DEFAULT_ENDPOINTS: Readonly<Record<GoogleService, string>> = {
  compute: 'https://compute.googleapis.com/compute/v1/',
  dns: 'https://dns.googleapis.com/dns/v1/',
  iam: 'https://iam.googleapis.com/',
};

export interface ServiceEndpoint {
  /** Always ends with `/`. */
  readonly url: URL;
  /** Plain HTTP: call without credentials. */
  readonly anonymous: boolean;
}

export class InvalidEndpointError extends KopsxError {
  constructor(variable: string, value: string) {
    super(`${variable}="${value}" is not an http(s) URL`, 'InvalidEndpoint', `set it like ${variable}=${DEFAULT_ENDPOINTS.compute}, or unset it`);
  }
}

export function serviceEndpoint(env: NodeJS.ProcessEnv, service: GoogleService): ServiceEndpoint {
  const variable = OVERRIDE_VARIABLES[service];
  const value = env[variable];
  if (value === undefined || value === '') return {url: new URL(DEFAULT_ENDPOINTS[service]), anonymous: false};
  let url: URL;
  try {
    url = new URL(value.endsWith('/') ? value : `${value}/`);
  } catch {
    throw new InvalidEndpointError(variable, value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidEndpointError(variable, value);
  return {url, anonymous: url.protocol === 'http:'};
}
