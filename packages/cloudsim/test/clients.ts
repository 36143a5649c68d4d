// Real SDK clients pointed at a running simulator, configured as kopsx configures them.
import {S3Client} from '@aws-sdk/client-s3';
import {Storage} from '@google-cloud/storage';
import {SIM_AWS_ACCESS_KEY_ID, SIM_AWS_SECRET_ACCESS_KEY, SIM_GCP_PROJECT, type CloudSim} from '../src/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface ClientOptions {
  /** SDK retries on (the SDK's defaults) or off (one attempt, so injected errors surface). */
  readonly retries?: boolean;
}

export function s3Client(sim: CloudSim, options: ClientOptions = {}): S3Client {
  return new S3Client({
    endpoint: sim.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {accessKeyId: SIM_AWS_ACCESS_KEY_ID, secretAccessKey: SIM_AWS_SECRET_ACCESS_KEY},
    ...(options.retries ? {} : {maxAttempts: 1}),
  });
}

export function gcsClient(sim: CloudSim, options: ClientOptions = {}): Storage {
  return new Storage({
    apiEndpoint: sim.endpoint,
    projectId: SIM_GCP_PROJECT,
    useAuthWithCustomEndpoint: false,
    ...(options.retries ? {} : {retryOptions: {autoRetry: false}}),
  });
}

/** The rejection of a promise that must fail (the test fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
