/**
 * s3:// against s3rver, a third-party S3 server, for the plain operations. s3rver ignores If-None-Match and
 * If-Match, so conditional creates, conditional deletes and locking are tested against @kopsx/cloudsim
 * instead (s3-store.test.ts).
 */
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import S3rver from 's3rver';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {StateStoreError} from '../src/errors.js';
import {openStateStore} from '../src/state/index.js';
import {describeStoreContract} from './store-contract.js';

const BUCKET = 'kopsx-state';
let server: S3rver;
let directory: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kopsx-s3rver-'));
  server = new S3rver({address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{name: BUCKET}]});
  const {port} = await server.run();
  env = {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    // s3rver checks signatures against its fixed key pair
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
});

afterAll(async () => {
  await server.close();
  await rm(directory, {recursive: true, force: true});
});

// Every test works under its own prefix of one bucket, which also checks that prefixes isolate stores.
describeStoreContract('s3:// (s3rver)', {
  open: () => openStateStore(`s3://${BUCKET}/test-${randomUUID()}`, env),
  conditional: false,
});

describe('s3:// (s3rver)', () => {
  it('stores objects under the prefix and shows the URL without a trailing slash', async () => {
    const prefix = `nested/${randomUUID()}`;
    const store = await openStateStore(`s3://${BUCKET}/${prefix}/`, env);
    expect(store.url).toBe(`s3://${BUCKET}/${prefix}`);
    await store.write('c1/config', 'x');
    const root = await openStateStore(`s3://${BUCKET}`, env);
    expect(await root.list(`${prefix}/`)).toEqual([`${prefix}/c1/config`]);
  });

  it('says to create a missing bucket', async () => {
    await expect(openStateStore('s3://no-such-bucket/x', env)).rejects.toSatisfy(
      (err) =>
        err instanceof StateStoreError &&
        err.message.includes('bucket "no-such-bucket" does not exist') &&
        (err.hint ?? '').includes('aws s3 mb s3://no-such-bucket'),
    );
  });

  it('says when it cannot reach the endpoint', async () => {
    const closed = {...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:1'};
    await expect(openStateStore(`s3://${BUCKET}`, closed)).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && /cannot reach S3/.test(err.message) && !!err.hint,
    );
  });

  it('rejects an unknown KOPS_STATE_S3_SSE', async () => {
    await expect(openStateStore(`s3://${BUCKET}`, {...env, KOPS_STATE_S3_SSE: 'rot13'})).rejects.toThrow(
      /KOPS_STATE_S3_SSE="rot13" is not supported/,
    );
  });
});
