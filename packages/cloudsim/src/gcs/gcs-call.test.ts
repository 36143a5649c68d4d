import {describe, expect, it} from 'vitest';
import type {SimRequest} from '../service.js';
import {isGcsPath, parseGcsCall} from './gcs-call.js';

const call = (method: string, path: string) =>
  parseGcsCall({method, url: new URL(path, 'http://127.0.0.1:1'), headers: {}, body: Buffer.alloc(0)} satisfies SimRequest);

describe('parseGcsCall', () => {
  it('reads bucket and object from the JSON API path, with or without the /storage/v1 prefix', () => {
    expect(call('GET', '/storage/v1/b/bkt/o/a%2Fb%20c')).toEqual({operation: 'storage.objects.get', action: 'storage.objects.get', bucket: 'bkt', object: 'a/b c'});
    expect(call('GET', '/b/bkt/o/a%2Fb?alt=media')).toMatchObject({operation: 'storage.objects.get', object: 'a/b'});
    expect(call('GET', '/download/storage/v1/b/bkt/o/k?alt=media')).toMatchObject({operation: 'storage.objects.get', object: 'k'});
  });

  it('tells buckets from objects even when the bucket name starts with "o"', () => {
    expect(call('GET', '/storage/v1/b/ops')).toMatchObject({operation: 'storage.buckets.get', bucket: 'ops'});
    expect(call('GET', '/storage/v1/b/ops/o')).toMatchObject({operation: 'storage.objects.list', bucket: 'ops'});
  });

  it('routes uploads and leaves unsupported calls without an operation', () => {
    expect(call('POST', '/upload/storage/v1/b/bkt/o?uploadType=multipart').operation).toBe('storage.objects.insert');
    expect(call('PUT', '/upload/storage/v1/b/bkt/o?upload_id=1').operation).toBe('storage.objects.insert');
    expect(call('POST', '/storage/v1/b/bkt/o/k/compose')).toMatchObject({operation: undefined, action: 'POST /storage/v1/b/bkt/o/k/compose'});
  });

  it('recognises only Cloud Storage paths', () => {
    expect(isGcsPath('/storage/v1/b')).toBe(true);
    expect(isGcsPath('/b/bucket/o')).toBe(true);
    expect(isGcsPath('/')).toBe(false);
    expect(isGcsPath('/bucket/key')).toBe(false);
    expect(isGcsPath('/compute/v1/projects/p/zones')).toBe(false);
  });
});
