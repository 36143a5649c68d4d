/** gs:// against @kopsx/cloudsim's GCS JSON API, which enforces generation preconditions as GCS does. */
import {randomUUID} from 'node:crypto';
import {Storage} from '@google-cloud/storage';
import {startCloudSim, type CloudSim} from '@kopsx/cloudsim';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {StateStoreError} from '../src/errors.js';
import {openStateStore} from '../src/state/index.js';
import {describeLockContract} from './lock-contract.js';
import {describeStoreContract} from './store-contract.js';

const BUCKET = 'kopsx-state';
let sim: CloudSim;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sim = await startCloudSim();
  env = {...sim.env};
  const storage = new Storage({apiEndpoint: sim.endpoint, projectId: 'kopsx-sim', useAuthWithCustomEndpoint: false});
  await storage.createBucket(BUCKET);
});

afterAll(async () => {
  await sim?.close();
});

const open = () => openStateStore(`gs://${BUCKET}/test-${randomUUID()}`, env);

describeStoreContract('gs:// (cloudsim)', {open, conditional: true});
describeLockContract('gs:// (cloudsim)', open);

describe('gs:// (cloudsim)', () => {
  it('lists past the 1,000 objects of one page', async () => {
    const store = await open();
    const keys = Array.from({length: 1005}, (_, i) => `c1/pki/issued/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => store.write(key, 'x')));
    }
    expect(await store.list('c1/')).toEqual(keys);
  });

  it('finds the emulator through STORAGE_EMULATOR_HOST alone, with or without a scheme', async () => {
    const {KOPSX_GCS_ENDPOINT: _, ...rest} = env;
    for (const host of [sim.endpoint, sim.endpoint.replace('http://', '')]) {
      const store = await openStateStore(`gs://${BUCKET}/emulator-${randomUUID()}`, {...rest, STORAGE_EMULATOR_HOST: host});
      await store.write('k', 'v');
      expect((await store.read('k'))?.toString()).toBe('v');
    }
  });

  it('says to create a missing bucket', async () => {
    await expect(openStateStore('gs://missing-bucket/x', env)).rejects.toSatisfy(
      (err) =>
        err instanceof StateStoreError &&
        err.message.includes('GCS bucket "missing-bucket" does not exist') &&
        (err.hint ?? '').includes('gcloud storage buckets create gs://missing-bucket'),
    );
  });

  it('says when it cannot reach the endpoint', async () => {
    const closed = {...env, KOPSX_GCS_ENDPOINT: 'http://127.0.0.1:1'};
    await expect(openStateStore(`gs://${BUCKET}`, closed)).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && /cannot reach Google Cloud Storage/.test(err.message),
    );
  });
});
