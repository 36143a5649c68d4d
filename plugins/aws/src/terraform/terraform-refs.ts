/**
 * Terraform names and expressions. A reference between desired resources becomes an interpolation of the
 * referenced block's attribute, so the output keeps the graph instead of literal IDs.
 */
import {isRef} from '@kopsx/core';
import type {DesiredResource, PropertyValue, Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';

interface TerraformTarget {
  readonly type: string;
  readonly data?: boolean;
  /** Our attribute names that Terraform spells differently; others are converted to snake_case. */
  readonly attributes?: Readonly<Record<string, string>>;
}

const TARGETS: Readonly<Record<string, TerraformTarget>> = {
  [Kind.vpc]: {type: 'aws_vpc'},
  [Kind.internetGateway]: {type: 'aws_internet_gateway'},
  [Kind.subnet]: {type: 'aws_subnet'},
  [Kind.routeTable]: {type: 'aws_route_table'},
  [Kind.route]: {type: 'aws_route'},
  [Kind.routeTableAssociation]: {type: 'aws_route_table_association'},
  [Kind.elasticIp]: {type: 'aws_eip'},
  [Kind.natGateway]: {type: 'aws_nat_gateway'},
  [Kind.securityGroup]: {type: 'aws_security_group'},
  [Kind.securityGroupRule]: {type: 'aws_vpc_security_group_ingress_rule'},
  [Kind.iamRole]: {type: 'aws_iam_role'},
  [Kind.iamRolePolicy]: {type: 'aws_iam_role_policy'},
  [Kind.iamInstanceProfile]: {type: 'aws_iam_instance_profile'},
  [Kind.keyPair]: {type: 'aws_key_pair', attributes: {name: 'key_name'}},
  [Kind.image]: {type: 'aws_ami', data: true},
  [Kind.launchTemplate]: {type: 'aws_launch_template'},
  [Kind.autoscalingGroup]: {type: 'aws_autoscaling_group'},
  [Kind.ebsVolume]: {type: 'aws_ebs_volume'},
  [Kind.loadBalancer]: {type: 'aws_lb', attributes: {canonicalHostedZoneId: 'zone_id'}},
  [Kind.targetGroup]: {type: 'aws_lb_target_group'},
  [Kind.listener]: {type: 'aws_lb_listener'},
  [Kind.route53Zone]: {type: 'aws_route53_zone', data: true},
  [Kind.route53Record]: {type: 'aws_route53_record'},
};

/** Shared VPCs and subnets are named by their AWS ID and rendered as data sources that read them. */
const SHARED_ID = /^(vpc|subnet)-[0-9a-f]+$/;

export function terraformTarget(kind: string, name: string): TerraformTarget {
  const target = TARGETS[kind];
  if (!target) throw new Error(`the AWS provider has no Terraform type for kind "${kind}"`);
  return SHARED_ID.test(name) ? {...target, data: true} : target;
}

/** Terraform block names allow letters, digits, `_` and `-`, and start with a letter or `_`. */
export function terraformName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** `aws_vpc.c-example-com.id` or `data.aws_ami.<name>.id`, without the `${}`. */
export function address(kind: string, name: string, attribute: string): string {
  const target = terraformTarget(kind, name);
  const field = target.attributes?.[attribute] ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return `${target.data ? 'data.' : ''}${target.type}.${terraformName(name)}.${field}`;
}

export function interpolate(expression: string): string {
  return `\${${expression}}`;
}

/** A property value in Terraform JSON: references become interpolations, everything else stays as it is. */
export function tfValue(value: PropertyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (isRef(value)) return refExpression(value);
  if (Array.isArray(value)) return value.map((item: PropertyValue) => tfValue(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tfValue(item)]));
  }
  return value;
}

/** A resource's property in Terraform JSON. */
export function prop(resource: DesiredResource, field: string): unknown {
  return tfValue(resource.properties[field]);
}

function refExpression({$ref}: Ref): string {
  return interpolate(address($ref.kind, $ref.name, $ref.attribute));
}

/** A body without the fields left undefined (Terraform JSON has no `undefined`). */
export function compact(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
