/** Fake credentials: the simulator accepts any signature, but the SDKs refuse to sign without credentials. */
export const SIM_AWS_ACCESS_KEY_ID = 'AKIAKOPSXSIMULATOR00';
export const SIM_AWS_SECRET_ACCESS_KEY = 'kopsx-cloudsim-fake-secret';
export const SIM_GCP_PROJECT = 'kopsx-sim';

/** The environment that points the AWS and Google SDKs, and kopsx itself, at a simulator endpoint. */
export function simEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: SIM_AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SIM_AWS_SECRET_ACCESS_KEY,
    AWS_REGION: 'us-east-1',
    // Keeps the SDK from probing the EC2 instance metadata service when something is missing.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // @google-cloud/storage's emulator switch: no credentials, JSON API paths without the /storage/v1 prefix.
    STORAGE_EMULATOR_HOST: endpoint,
    // kopsx's own override for gs:// state stores.
    KOPSX_GCS_ENDPOINT: endpoint,
    GOOGLE_CLOUD_PROJECT: SIM_GCP_PROJECT,
    // gcloud's endpoint-override convention, which kopsx's GCE provider follows too.
    CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `${endpoint}/compute/v1/`,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: `${endpoint}/dns/v1/`,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_IAM: `${endpoint}/`,
  };
}
