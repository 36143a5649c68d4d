import {describe, expect, it} from 'vitest';
import {InvalidEndpointError, serviceEndpoint} from './endpoint-overrides.js';

describe('serviceEndpoint', () => {
  it('is Google\'s own endpoint, with credentials, unless gcloud\'s override variable names another', () => {
    expect(serviceEndpoint({}, 'compute')).toEqual({url: new URL('https://compute.googleapis.com/compute/v1/'), anonymous: false});
    expect(serviceEndpoint({CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: 'https://dns.example.internal/dns/v1'}, 'dns')).toEqual({
      url: new URL('https://dns.example.internal/dns/v1/'),
      anonymous: false,
    });
  });

  it('sends no credentials to a plain HTTP endpoint such as the simulator', () => {
    expect(serviceEndpoint({CLOUDSDK_API_ENDPOINT_OVERRIDES_IAM: 'http://127.0.0.1:4566/'}, 'iam')).toEqual({url: new URL('http://127.0.0.1:4566/'), anonymous: true});
  });

  it('names the variable that holds something else than an http(s) URL', () => {
    expect(() => serviceEndpoint({CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: 'localhost:4566'}, 'compute')).toThrow(InvalidEndpointError);
    expect(() => serviceEndpoint({CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: 'not a url'}, 'compute')).toThrow('CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE="not a url"');
  });
});
