/** s3:// against @kopsx/cloudsim, which enforces conditional writes and deletes as S3 does: locking works here. */
import {randomUUID} from 'node:crypto';
import {CreateBucketCommand, HeadObjectCommand, S3Client} from '@aws-sdk/client-s3';
import {startCloudSim, type CloudSim} from '@kopsx/cloudsim';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {StateStoreError} from '../src/errors.js';
import {openStateStore} from '../src/state/index.js';
import {describeLockContract} from './lock-contract.js';
import {describeStoreContract} from './store-contract.js';

const BUCKET = 'kopsx-state';
let sim: CloudSim;
let env: NodeJS.ProcessEnv;
let s3: S3Client;

beforeAll(async () => {
  sim = await startCloudSim();
  env = {...sim.env};
  s3 = new S3Client({
    endpoint: sim.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: {accessKeyId: sim.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sim.env.AWS_SECRET_ACCESS_KEY ?? ''},
  });
  await s3.send(new CreateBucketCommand({Bucket: BUCKET}));
});

afterAll(async () => {
  s3?.destroy();
  await sim?.close();
});

const open = () => openStateStore(`s3://${BUCKET}/test-${randomUUID()}`, env);

describeStoreContract('s3:// (cloudsim)', {open, conditional: true});
describeLockContract('s3:// (cloudsim)', open);

describe('s3:// (cloudsim)', () => {
  const head = (key: string) => s3.send(new HeadObjectCommand({Bucket: BUCKET, Key: key}));

  it('encrypts every file with KOPS_STATE_S3_SSE=aws:kms, using the AWS-managed key without a key id', async () => {
    const prefix = `sse-${randomUUID()}`;
    const store = await openStateStore(`s3://${BUCKET}/${prefix}`, {...env, KOPS_STATE_S3_SSE: 'aws:kms'});
    await store.write('c1/secrets/admin', 'token', {secret: true});
    await store.write('c1/config', 'kind: Cluster');
    for (const key of ['c1/config', 'c1/secrets/admin']) {
      expect((await head(`${prefix}/${key}`)).ServerSideEncryption).toBe('aws:kms');
    }
  });

  it('encrypts every file with the KMS key from KOPS_STATE_S3_KMS_KEY_ID', async () => {
    const prefix = `kms-${randomUUID()}`;
    const kmsEnv = {...env, KOPS_STATE_S3_KMS_KEY_ID: 'alias/kopsx-state'};
    const store = await openStateStore(`s3://${BUCKET}/${prefix}`, kmsEnv);
    await store.write('c1/config', 'kind: Cluster');
    await store.createIfAbsent('c1/secrets/admin', 'token', {secret: true});
    for (const key of ['c1/config', 'c1/secrets/admin']) {
      const object = await head(`${prefix}/${key}`);
      expect(object.ServerSideEncryption).toBe('aws:kms');
      expect(object.SSEKMSKeyId).toBe('alias/kopsx-state');
    }
  });

  it('refuses a KMS key together with AES256', async () => {
    const conflicting = {...env, KOPS_STATE_S3_SSE: 'AES256', KOPS_STATE_S3_KMS_KEY_ID: 'k'};
    await expect(openStateStore(`s3://${BUCKET}`, conflicting)).rejects.toThrow(/KOPS_STATE_S3_KMS_KEY_ID is set/);
  });

  it('lists past the 1,000 keys of one page', async () => {
    const store = await open();
    const keys = Array.from({length: 1005}, (_, i) => `c1/pki/issued/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => store.write(key, 'x')));
    }
    expect(await store.list('c1/')).toEqual(keys);
  });

  it('prefers AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL', async () => {
    const s3Only = {...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3: sim.endpoint};
    const store = await openStateStore(`s3://${BUCKET}/endpoint-${randomUUID()}`, s3Only);
    await store.write('k', 'v');
    expect((await store.read('k'))?.toString()).toBe('v');
  });

  it('says to create a missing bucket', async () => {
    await expect(openStateStore('s3://missing-bucket', env)).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && (err.hint ?? '').includes('aws s3 mb s3://missing-bucket'),
    );
  });
});
