/** What every handler works with: the SDK clients of one connection and the reads its kinds share. */
import type {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import type {EC2Client} from '@aws-sdk/client-ec2';
import type {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {IAMClient} from '@aws-sdk/client-iam';
import type {Route53Client} from '@aws-sdk/client-route-53';
import type {SharedReads} from '@kopsx/core';

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly autoscaling: AutoScalingClient;
  readonly iam: IAMClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly route53: Route53Client;
}

export interface AwsApi {
  readonly clients: AwsClients;
  readonly reads: SharedReads;
}
