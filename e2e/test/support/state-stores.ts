import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {startCloudSim} from '@kopsx/cloudsim';
import type {GcsService, S3Service} from '@kopsx/cloudsim';
import S3rver from 's3rver';

/** A state store a test can point kopsx at, with the servers behind it started and stopped by the test. */
export interface TestStore {
  readonly label: string;
  readonly url: string;
  /** Variables that point kopsx at the store's server. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

const BUCKET = 'kopsx-state';

export function fileStore(): TestStore {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-e2e-store-'));
  const url = pathToFileURL(dir).href;
  return {label: 'file://', url, env: {KOPS_STATE_STORE: url}, close: async () => rmSync(dir, {recursive: true, force: true})};
}

/** s3:// served by s3rver, a third-party S3 server (it ignores conditional writes, so no locking tests on it). */
export async function s3rverStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-e2e-s3rver-'));
  const server = new S3rver({address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{name: BUCKET}]});
  const {port} = await server.run();
  const url = `s3://${BUCKET}/clusters`;
  return {
    label: 's3:// (s3rver)',
    url,
    env: {
      KOPS_STATE_STORE: url,
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      // s3rver checks signatures against its fixed key pair.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    close: async () => {
      await server.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** s3:// or gs:// served by @kopsx/cloudsim, which honours conditional writes (so locking is real). */
export async function cloudSimStore(scheme: 's3' | 'gs'): Promise<TestStore> {
  const sim = await startCloudSim();
  if (scheme === 's3') sim.service<S3Service>('s3').store.createBucket(BUCKET);
  else sim.service<GcsService>('gcs').store.createBucket(BUCKET);
  const url = `${scheme}://${BUCKET}/clusters`;
  return {label: `${scheme}:// (cloudsim)`, url, env: {...sim.env, KOPS_STATE_STORE: url}, close: () => sim.close()};
}
