import {describe, expect, it} from 'vitest';
import type {SimRequest} from '../service.js';
import {S3Service} from './s3-service.js';

function request(method: string, path: string, headers: Record<string, string> = {}): SimRequest {
  return {method, url: new URL(path, 'http://127.0.0.1:1'), headers, body: Buffer.alloc(0)};
}

const signedFor = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
});

describe('S3Service routing', () => {
  const s3 = new S3Service();

  it('claims requests signed for s3, including presigned URLs', () => {
    expect(s3.matches(request('GET', '/bucket/key', signedFor('s3')))).toBe(true);
    expect(s3.matches(request('GET', '/bucket/key?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request'))).toBe(true);
  });

  it('leaves Query-protocol and other services alone, even on S3-looking paths', () => {
    expect(s3.matches(request('POST', '/', signedFor('ec2')))).toBe(false);
    expect(s3.matches(request('POST', '/bucket/key', signedFor('autoscaling')))).toBe(false);
    expect(s3.matches(request('GET', '/storage/v1/b/bucket/o'))).toBe(false);
  });

  it('names operations for the request log and marks the mutating ones', () => {
    const describe = (method: string, path: string) => s3.describe(request(method, path, signedFor('s3')));
    expect(describe('PUT', '/b/k?x-id=PutObject')).toEqual({action: 'PutObject', mutating: true});
    expect(describe('GET', '/b?list-type=2&prefix=x')).toEqual({action: 'ListObjectsV2', mutating: false});
    expect(describe('POST', '/b?delete')).toEqual({action: 'DeleteObjects', mutating: true});
    expect(describe('PUT', '/b?versioning')).toEqual({action: 'PUT /b?versioning', mutating: false});
  });

  it('answers features it does not simulate with S3\'s NotImplemented', () => {
    const response = s3.handle(request('PUT', '/b?versioning', signedFor('s3')));
    expect(response.status).toBe(501);
    expect(String(response.body)).toContain('<Code>NotImplemented</Code>');
  });
});
