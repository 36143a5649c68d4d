/** The API load balancer's address and target health, for `export kubecfg` and `validate cluster`. */
import {DescribeTargetHealthCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ApiLoadBalancerStatus} from '@kopsx/core';
import {findApiLoadBalancing} from './resources/elb-reads.js';

/** Undefined until the load balancer exists; found by name, as discovery finds it. */
export async function apiLoadBalancerStatus(
  elbv2: ElasticLoadBalancingV2Client,
  clusterName: string,
  abortSignal?: AbortSignal,
): Promise<ApiLoadBalancerStatus | undefined> {
  const {loadBalancer, targetGroup} = await findApiLoadBalancing(elbv2, clusterName, abortSignal);
  if (!loadBalancer?.DNSName) return undefined;
  const targetGroupArn = targetGroup?.TargetGroupArn;
  const health = targetGroupArn
    ? ((await elbv2.send(new DescribeTargetHealthCommand({TargetGroupArn: targetGroupArn}), {abortSignal})).TargetHealthDescriptions ?? [])
    : [];
  return {
    address: loadBalancer.DNSName,
    healthyTargets: health.filter((target) => target.TargetHealth?.State === 'healthy').length,
    totalTargets: health.length,
  };
}
