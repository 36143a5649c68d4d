import type {AwsState} from '../aws-state.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import type {QueryInput} from '../wire/query-input.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {AWS_ACCOUNT_ID} from '../account.js';
import type {SecurityGroup, SecurityGroupRule} from './ec2-state.js';
import {tagSetXml} from './tags.js';

/** A rule as requested, before it has an ID. */
export type RuleSpec = Omit<SecurityGroupRule, 'id' | 'groupId' | 'tags'>;

const PROTOCOL_NAMES: Readonly<Record<string, string>> = {'6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1'};

function normalizeProtocol(protocol: string): string {
  const name = PROTOCOL_NAMES[protocol.toLowerCase()] ?? protocol.toLowerCase();
  if (!['tcp', 'udp', 'icmp', '-1'].includes(name) && !/^\d{1,3}$/.test(name)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
  }
  return name;
}

/**
 * Expands `IpPermissions.N` (or the legacy top-level `IpProtocol`/`CidrIp`/ports) into one rule per IPv4 or
 * IPv6 CIDR or referenced group, as AWS stores them.
 */
export function readRuleSpecs(input: QueryInput, isEgress: boolean): RuleSpec[] {
  const permissions = input.list('IpPermissions');
  if (permissions.length === 0 && input.has('IpProtocol')) {
    return [ruleSpec(input, isEgress, {cidrIpv4: input.string('CidrIp') ?? '0.0.0.0/0'})];
  }
  return permissions.flatMap((permission) => [
    ...permission.list('IpRanges').map((range) =>
      ruleSpec(permission, isEgress, {cidrIpv4: range.requireString('CidrIp'), description: range.string('Description')})),
    ...permission.list('Ipv6Ranges').map((range) =>
      ruleSpec(permission, isEgress, {cidrIpv6: range.requireString('CidrIpv6'), description: range.string('Description')})),
    ...permission.list('Groups').map((pair) =>
      ruleSpec(permission, isEgress, {referencedGroupId: pair.requireString('GroupId'), description: pair.string('Description')})),
  ]);
}

function ruleSpec(permission: QueryInput, isEgress: boolean, peer: Partial<RuleSpec>): RuleSpec {
  const ipProtocol = normalizeProtocol(permission.requireString('IpProtocol'));
  const ports = ipProtocol === '-1' ? {} : {fromPort: permission.integer('FromPort'), toPort: permission.integer('ToPort')};
  return {isEgress, ipProtocol, ...ports, ...peer};
}

export function sameRule(a: RuleSpec, b: RuleSpec): boolean {
  return a.isEgress === b.isEgress && a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort &&
    a.toPort === b.toPort && a.cidrIpv4 === b.cidrIpv4 && a.cidrIpv6 === b.cidrIpv6 &&
    a.referencedGroupId === b.referencedGroupId;
}

export function describeRule(rule: RuleSpec): string {
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.referencedGroupId ?? '';
  const protocol = rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${protocol}, from port: ${rule.fromPort ?? -1}, to port: ${rule.toPort ?? -1}, ALLOW`;
}

/** Adds rules to a group; every referenced group must exist and no rule may exist already. */
export function authorizeRules(
  aws: AwsState,
  group: SecurityGroup,
  specs: readonly RuleSpec[],
  tags: ReadonlyMap<string, string>,
): SecurityGroupRule[] {
  for (const spec of specs) {
    if (spec.referencedGroupId && !aws.ec2.securityGroups.get(group.region, spec.referencedGroupId)) {
      throw new AwsError('InvalidGroup.NotFound', `The security group '${spec.referencedGroupId}' does not exist`);
    }
    if (group.rules.some((rule) => sameRule(rule, spec))) {
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(spec)}" already exists`);
    }
  }
  const added = specs.map((spec) => ({...spec, id: ec2Id('sgr'), groupId: group.id, tags: new Map(tags)}));
  group.rules.push(...added);
  return added;
}

/** The `ipPermissions` view: rules grouped by protocol and ports, peers listed inside. */
export function ipPermissionsXml(rules: readonly SecurityGroupRule[]): XmlFields {
  const groups = new Map<string, SecurityGroupRule[]>();
  for (const rule of rules) {
    const key = `${rule.ipProtocol}/${rule.fromPort}/${rule.toPort}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return items([...groups.values()].map((group) => {
    const [first] = group as [SecurityGroupRule];
    return {
      ipProtocol: first.ipProtocol,
      fromPort: first.fromPort,
      toPort: first.toPort,
      groups: items(group.filter((rule) => rule.referencedGroupId).map((rule) => ({
        groupId: rule.referencedGroupId,
        userId: AWS_ACCOUNT_ID,
        description: rule.description,
      }))),
      ipRanges: items(group.filter((rule) => rule.cidrIpv4).map((rule) => ({
        cidrIp: rule.cidrIpv4,
        description: rule.description,
      }))),
      ipv6Ranges: items(group.filter((rule) => rule.cidrIpv6).map((rule) => ({
        cidrIpv6: rule.cidrIpv6,
        description: rule.description,
      }))),
      prefixListIds: items([]),
    };
  }));
}

export function ruleXml(rule: SecurityGroupRule): XmlFields {
  return {
    securityGroupRuleId: rule.id,
    groupId: rule.groupId,
    groupOwnerId: AWS_ACCOUNT_ID,
    isEgress: rule.isEgress,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort ?? -1,
    toPort: rule.toPort ?? -1,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
    referencedGroupInfo: rule.referencedGroupId ? {groupId: rule.referencedGroupId, userId: AWS_ACCOUNT_ID} : undefined,
    description: rule.description,
    tagSet: tagSetXml(rule.tags),
  };
}
