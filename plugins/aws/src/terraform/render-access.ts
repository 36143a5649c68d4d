/** Terraform bodies of security groups, their rules, IAM and the key pair. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {clusterOfIamPath} from '../names.js';
import {ownedTags} from '../tags.js';
import type {BodyRenderer} from './body-renderer.js';
import {prop as p} from './terraform-refs.js';

/**
 * Terraform removes the allow-all egress rule AWS gives every new security group unless the configuration
 * declares it, so it is declared here (kopsx' own API path keeps AWS' default instead).
 */
const ALLOW_ALL_EGRESS = {
  description: 'all outbound traffic',
  protocol: '-1',
  from_port: 0,
  to_port: 0,
  cidr_blocks: ['0.0.0.0/0'],
  ipv6_cidr_blocks: ['::/0'],
  prefix_list_ids: [],
  security_groups: [],
  self: false,
};

export const accessBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.securityGroup]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    vpc_id: p(r, 'vpcId'),
    egress: [ALLOW_ALL_EGRESS],
    tags: p(r, 'tags'),
  }),
  [Kind.securityGroupRule]: (r) => {
    const ports = r.properties.fromPort === -1 ? {} : {from_port: p(r, 'fromPort'), to_port: p(r, 'toPort')};
    return {
      security_group_id: p(r, 'securityGroupId'),
      ip_protocol: p(r, 'protocol'),
      ...ports,
      cidr_ipv4: p(r, 'cidrIpv4'),
      cidr_ipv6: p(r, 'cidrIpv6'),
      referenced_security_group_id: p(r, 'sourceSecurityGroupId'),
      tags: p(r, 'tags'),
    };
  },
  [Kind.iamRole]: (r) => ({name: r.name, path: p(r, 'path'), assume_role_policy: p(r, 'assumeRolePolicy'), tags: iamTags(r)}),
  [Kind.iamRolePolicy]: (r) => ({name: r.name, role: p(r, 'roleName'), policy: p(r, 'policyDocument')}),
  [Kind.iamInstanceProfile]: (r) => ({name: r.name, path: p(r, 'path'), role: p(r, 'roleName'), tags: iamTags(r)}),
  [Kind.keyPair]: (r) => ({key_name: r.name, public_key: p(r, 'publicKey'), tags: p(r, 'tags')}),
};

/** IAM listings do not return tags, so IAM resources keep them out of their properties; the path names the cluster. */
function iamTags(r: DesiredResource): Record<string, string> {
  return {...ownedTags(clusterOfIamPath(String(r.properties.path)), r.kind, r.name)};
}
