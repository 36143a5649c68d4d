/** Terraform bodies of the API load balancer, its target group and listener, and the DNS records. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {clusterOfApiLoadBalancing} from '../names.js';
import {ownedTags} from '../tags.js';
import type {BodyRenderer} from './body-renderer.js';
import {address, interpolate, prop as p} from './terraform-refs.js';

export const loadBalancingBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.loadBalancer]: (r) => ({
    name: p(r, 'loadBalancerName'),
    load_balancer_type: p(r, 'type'),
    internal: r.properties.scheme === 'internal',
    subnets: p(r, 'subnetIds'),
    security_groups: p(r, 'securityGroupIds'),
    tags: elbTags(r),
  }),
  [Kind.targetGroup]: (r) => ({
    name: p(r, 'targetGroupName'),
    protocol: p(r, 'protocol'),
    port: p(r, 'port'),
    target_type: p(r, 'targetType'),
    vpc_id: p(r, 'vpcId'),
    tags: elbTags(r),
  }),
  [Kind.listener]: (r) => ({
    load_balancer_arn: p(r, 'loadBalancerArn'),
    protocol: p(r, 'protocol'),
    port: p(r, 'port'),
    default_action: {type: 'forward', target_group_arn: p(r, 'targetGroupArn')},
    tags: elbTags(r),
  }),
  [Kind.route53Zone]: (r) => ({name: r.id ?? r.name, private_zone: r.properties.privateZone === true}),
  [Kind.route53Record]: (r) => {
    const zone = r.properties.dnsZone;
    return {
      zone_id: typeof zone === 'string' ? interpolate(address(Kind.route53Zone, zone, 'zoneId')) : p(r, 'hostedZoneId'),
      name: r.name,
      type: p(r, 'type'),
      alias: {name: p(r, 'aliasDnsName'), zone_id: p(r, 'aliasHostedZoneId'), evaluate_target_health: false},
    };
  },
};

/** kopsx tags load balancing resources when it creates them rather than comparing tags: Terraform sets the same. */
function elbTags(r: DesiredResource): Record<string, string> {
  return {...ownedTags(clusterOfApiLoadBalancing(r.name), r.kind, r.name)};
}
