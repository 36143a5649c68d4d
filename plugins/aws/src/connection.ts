/**
 * The SDK clients of one connection. The region is the cluster's, from its zones; credentials come the standard
 * AWS way (environment, profile, instance role); `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) points
 * them at another endpoint such as the simulator. Clients never retry (`maxAttempts: 1`): the engine retries,
 * with backoff shared across kinds.
 */
import {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {EC2Client} from '@aws-sdk/client-ec2';
import {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import {IAMClient} from '@aws-sdk/client-iam';
import {Route53Client} from '@aws-sdk/client-route-53';
import {SharedReads} from '@kopsx/core';
import type {CloudConnection, ConnectOptions} from '@kopsx/core';
import {apiLoadBalancerStatus} from './api-load-balancer-status.js';
import {regionOfCluster} from './cluster-region.js';
import {classifyError} from './errors.js';
import {instanceGroupOperations} from './instance-group-operations.js';
import {createHandlers} from './resources/index.js';
import type {AwsClients} from './resources/index.js';

/** The suffix of each service's `AWS_ENDPOINT_URL_<SERVICE>` variable, as the SDKs spell it. */
const ENDPOINT_SUFFIX = {
  ec2: 'EC2',
  autoscaling: 'AUTO_SCALING',
  iam: 'IAM',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  route53: 'ROUTE_53',
} as const;

interface ClientConfig {
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: {accessKeyId: string; secretAccessKey: string; sessionToken?: string};
  readonly maxAttempts: 1;
}

/**
 * Settings from `env` where it has them; what it lacks the SDK finds itself (profiles, instance roles). The
 * region from the environment counts only when the cluster's zones name none.
 */
function clientConfig(env: NodeJS.ProcessEnv, region: string | undefined, service: keyof typeof ENDPOINT_SUFFIX): ClientConfig {
  const {AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken} = env;
  return {
    region: region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: env[`AWS_ENDPOINT_URL_${ENDPOINT_SUFFIX[service]}`] ?? env.AWS_ENDPOINT_URL,
    credentials: accessKeyId && secretAccessKey ? {accessKeyId, secretAccessKey, sessionToken} : undefined,
    maxAttempts: 1,
  };
}

function createClients(env: NodeJS.ProcessEnv, region: string | undefined): AwsClients {
  return {
    ec2: new EC2Client(clientConfig(env, region, 'ec2')),
    autoscaling: new AutoScalingClient(clientConfig(env, region, 'autoscaling')),
    iam: new IAMClient(clientConfig(env, region, 'iam')),
    elbv2: new ElasticLoadBalancingV2Client(clientConfig(env, region, 'elbv2')),
    route53: new Route53Client(clientConfig(env, region, 'route53')),
  };
}

export async function connect(options: ConnectOptions): Promise<CloudConnection> {
  const clients = createClients(options.env, regionOfCluster(options.cluster));
  const clusterName = options.cluster.cluster.metadata.name;
  return {
    handlers: createHandlers({clients, reads: new SharedReads()}),
    instanceGroups: instanceGroupOperations(clients, clusterName),
    apiLoadBalancer: (signal) => apiLoadBalancerStatus(clients.elbv2, clusterName, signal),
    classifyError,
    async close() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
