/** Every kind's handler, in the order discovery lists them (the order does not matter for correctness). */
import type {ResourceHandler} from '@kopsx/core';
import {autoscalingGroupHandler} from './autoscaling-group.js';
import type {AwsApi} from './aws-api.js';
import {ebsVolumeHandler} from './ebs-volume.js';
import {elasticIpHandler} from './elastic-ip.js';
import {iamInstanceProfileHandler} from './iam-instance-profile.js';
import {iamRoleHandler} from './iam-role.js';
import {iamRolePolicyHandler} from './iam-role-policy.js';
import {internetGatewayHandler} from './internet-gateway.js';
import {keyPairHandler} from './key-pair.js';
import {launchTemplateHandler} from './launch-template.js';
import {listenerHandler} from './listener.js';
import {loadBalancerHandler} from './load-balancer.js';
import {natGatewayHandler} from './nat-gateway.js';
import {route53RecordHandler} from './route53-record.js';
import {routeHandler} from './route.js';
import {routeTableAssociationHandler} from './route-table-association.js';
import {routeTableHandler} from './route-table.js';
import {securityGroupHandler} from './security-group.js';
import {securityGroupRuleHandler} from './security-group-rule.js';
import {subnetHandler} from './subnet.js';
import {targetGroupHandler} from './target-group.js';
import {vpcHandler} from './vpc.js';

export type {AwsApi, AwsClients} from './aws-api.js';

/**
 * The `image` and `route53-zone` kinds have no handler: they are shared lookups that the engine never changes,
 * there only so that Terraform output can render them as data sources.
 */
export function createHandlers(api: AwsApi): ResourceHandler[] {
  return [
    vpcHandler(api),
    internetGatewayHandler(api),
    subnetHandler(api),
    routeTableHandler(api),
    routeHandler(api),
    routeTableAssociationHandler(api),
    elasticIpHandler(api),
    natGatewayHandler(api),
    securityGroupHandler(api),
    securityGroupRuleHandler(api),
    iamRoleHandler(api),
    iamRolePolicyHandler(api),
    iamInstanceProfileHandler(api),
    keyPairHandler(api),
    launchTemplateHandler(api),
    autoscalingGroupHandler(api),
    ebsVolumeHandler(api),
    loadBalancerHandler(api),
    targetGroupHandler(api),
    listenerHandler(api),
    route53RecordHandler(api),
  ];
}
