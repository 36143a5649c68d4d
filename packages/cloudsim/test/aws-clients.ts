// Real AWS SDK v3 clients pointed at a running simulator, and the helpers the aws-*.test.ts files share.
import {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {EC2Client} from '@aws-sdk/client-ec2';
import {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import {IAMClient} from '@aws-sdk/client-iam';
import {Route53Client} from '@aws-sdk/client-route-53';
import {STSClient} from '@aws-sdk/client-sts';
import {SIM_AWS_ACCESS_KEY_ID, SIM_AWS_SECRET_ACCESS_KEY, type CloudSim} from '../src/index.js';
import type {AwsState} from '../src/aws/index.js';
import type {Ec2Service} from '../src/aws/ec2/ec2-service.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface AwsClientOptions {
  readonly region?: string;
  /** SDK retries on (the SDK's defaults) or off (one attempt, so injected errors surface). */
  readonly retries?: boolean;
}

export function awsClients(sim: CloudSim, options: AwsClientOptions = {}) {
  const config = {
    endpoint: sim.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: {accessKeyId: SIM_AWS_ACCESS_KEY_ID, secretAccessKey: SIM_AWS_SECRET_ACCESS_KEY},
    ...(options.retries ? {} : {maxAttempts: 1}),
  };
  return {
    ec2: new EC2Client(config),
    autoscaling: new AutoScalingClient(config),
    iam: new IAMClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    route53: new Route53Client(config),
    sts: new STSClient(config),
  };
}

/** The simulated account behind a simulator, for seeding and for speeding up or slowing down time. */
export function awsState(sim: CloudSim): AwsState {
  return sim.service<Ec2Service>('ec2').state;
}
