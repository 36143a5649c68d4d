/** The Google Cloud clients of one connection: Compute, Cloud DNS and IAM, for one project. */
import {DNS} from '@google-cloud/dns';
import type {DNSConfig} from '@google-cloud/dns';
import {anonymousAuthClient, computeClients} from './compute-clients.js';
import type {ComputeClients} from './compute-clients.js';
import {serviceEndpoint} from './endpoint-overrides.js';
import {googleRest} from './google-rest.js';
import {iamClient} from './iam-client.js';
import type {IamClient} from './iam-client.js';

/** What the DNS client's interceptors are actually given: its own request options. */
type DnsRequestOptions = ReturnType<DNS['interceptors'][number]['request']>;

export interface GoogleClients {
  readonly project: string;
  readonly compute: ComputeClients;
  readonly dns: DNS;
  readonly iam: IamClient;
}

export function createGoogleClients(env: NodeJS.ProcessEnv, project: string): GoogleClients {
  const dnsEndpoint = serviceEndpoint(env, 'dns');
  const dnsConfig: DNSConfig = {projectId: project};
  if (dnsEndpoint.anonymous) dnsConfig.authClient = anonymousAuthClient<DNSConfig['authClient']>();
  const dns = new DNS(dnsConfig);
  // The engine retries, with backoff shared across kinds: the DNS client must not retry on its own. Its
  // `autoRetry` option is not passed on to its requests; a request's own `maxRetries` is.
  dns.interceptors.push({request: (options) => ({...(options as DnsRequestOptions), maxRetries: 0})});
  // The client builds https://<apiEndpoint>/dns/v1 itself; an override names the whole base.
  dns.baseUrl = dnsEndpoint.url.href.replace(/\/$/, '');
  return {
    project,
    compute: computeClients(serviceEndpoint(env, 'compute'), project),
    dns,
    iam: iamClient(googleRest(serviceEndpoint(env, 'iam')), project),
  };
}
