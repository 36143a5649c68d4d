import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryCall, QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {ec2Id} from '../wire/ids.js';
import {paginate} from '../wire/paging.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {SecurityGroup, Vpc} from './ec2-state.js';
import {authorizeRules, describeRule, ipPermissionsXml, readRuleSpecs, ruleXml, sameRule} from './security-group-rules.js';
import {requestedTags, tagSetXml} from './tags.js';
import {findVpc} from './vpcs.js';

export interface SecurityGroupSpec {
  readonly region: string;
  readonly vpcId: string;
  readonly name: string;
  readonly description: string;
  readonly tags?: ReadonlyMap<string, string>;
}

/** Creates a group with the rule every new VPC group starts with: all outbound traffic allowed. */
export function createSecurityGroup(aws: AwsState, spec: SecurityGroupSpec): SecurityGroup {
  const vpc = findVpc(aws, spec.region, spec.vpcId);
  if (aws.ec2.securityGroups.inRegion(spec.region).some((group) => group.vpcId === vpc.id && group.name === spec.name)) {
    throw new AwsError(
      'InvalidGroup.Duplicate',
      `The security group '${spec.name}' already exists for VPC '${vpc.id}'`,
    );
  }
  const group = aws.ec2.securityGroups.add({
    id: ec2Id('sg'),
    region: spec.region,
    tags: new Map(spec.tags),
    name: spec.name,
    description: spec.description,
    vpcId: vpc.id,
    rules: [],
  });
  authorizeRules(aws, group, [{isEgress: true, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0'}], new Map());
  return group;
}

/** The `default` group of a VPC also lets its members talk to each other. */
export function createDefaultSecurityGroup(aws: AwsState, vpc: Vpc): SecurityGroup {
  const description = 'default VPC security group';
  const group = createSecurityGroup(aws, {region: vpc.region, vpcId: vpc.id, name: 'default', description});
  authorizeRules(aws, group, [{isEgress: false, ipProtocol: '-1', referencedGroupId: group.id}], new Map());
  return group;
}

export function findSecurityGroup(aws: AwsState, region: string, id: string): SecurityGroup {
  const group = aws.ec2.securityGroups.get(region, id);
  if (!group) throw securityGroupNotFound(id);
  return group;
}

function securityGroupNotFound(id: string): AwsError {
  return new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
}

/** Other groups' rules, instances and load balancers that use the group keep it from being deleted. */
function isInUse(aws: AwsState, group: SecurityGroup): boolean {
  const {ec2, elbv2} = aws;
  return (
    ec2.securityGroups.inRegion(group.region).some((other) =>
      other.id !== group.id && other.rules.some((rule) => rule.referencedGroupId === group.id)) ||
    ec2.instances.inRegion(group.region).some((instance) =>
      instance.lifecycle.state !== 'terminated' && instance.securityGroupIds.includes(group.id)) ||
    [...elbv2.loadBalancers.values()].some((balancer) => balancer.securityGroupIds.includes(group.id))
  );
}

function securityGroupXml(group: SecurityGroup): XmlFields {
  return {
    ownerId: AWS_ACCOUNT_ID,
    groupId: group.id,
    groupName: group.name,
    groupDescription: group.description,
    vpcId: group.vpcId,
    securityGroupArn: `arn:aws:ec2:${group.region}:${AWS_ACCOUNT_ID}:security-group/${group.id}`,
    ipPermissions: ipPermissionsXml(group.rules.filter((rule) => !rule.isEgress)),
    ipPermissionsEgress: ipPermissionsXml(group.rules.filter((rule) => rule.isEgress)),
    tagSet: tagSetXml(group.tags),
  };
}

function authorize(call: QueryCall, isEgress: boolean): XmlFields {
  const group = findSecurityGroup(call.aws, call.region, call.input.requireString('GroupId'));
  const added = authorizeRules(call.aws, group, readRuleSpecs(call.input, isEgress), requestedTags(call, 'security-group-rule'));
  return {return: true, securityGroupRuleSet: items(added.map(ruleXml))};
}

function revoke({input, region, aws}: QueryCall, isEgress: boolean): XmlFields {
  const group = findSecurityGroup(aws, region, input.requireString('GroupId'));
  const ruleIds = input.strings('SecurityGroupRuleId');
  const specs = readRuleSpecs(input, isEgress);
  const doomed = group.rules.filter((rule) =>
    rule.isEgress === isEgress && (ruleIds.includes(rule.id) || specs.some((spec) => sameRule(rule, spec))));
  const unmatched = specs.find((spec) => !doomed.some((rule) => sameRule(rule, spec)));
  const unknownId = ruleIds.find((id) => !doomed.some((rule) => rule.id === id));
  if (unmatched || unknownId) {
    const detail = unmatched ? ` (${describeRule(unmatched)})` : ` (${unknownId})`;
    throw new AwsError(
      'InvalidPermission.NotFound',
      `The specified rule does not exist in this security group.${detail}`,
    );
  }
  group.rules = group.rules.filter((rule) => !doomed.includes(rule));
  return {return: true};
}

export const securityGroupHandlers: QueryHandlers = {
  CreateSecurityGroup(call) {
    const {input, region, aws} = call;
    const vpcId = input.string('VpcId');
    if (!vpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
    const group = createSecurityGroup(aws, {
      region,
      vpcId,
      name: input.requireString('GroupName'),
      description: input.requireString('GroupDescription'),
      tags: requestedTags(call, 'security-group'),
    });
    return {groupId: group.id, securityGroupArn: securityGroupXml(group).securityGroupArn, tagSet: tagSetXml(group.tags)};
  },

  DeleteSecurityGroup({input, region, aws}) {
    const group = findSecurityGroup(aws, region, input.requireString('GroupId'));
    if (group.name === 'default') {
      throw new AwsError(
        'CannotDelete',
        `the specified group: "${group.id}" name: "default" cannot be deleted by a user`,
      );
    }
    if (isInUse(aws, group)) throw new AwsError('DependencyViolation', `resource ${group.id} has a dependent object`);
    aws.ec2.securityGroups.delete(group.id);
    return {return: true};
  },

  AuthorizeSecurityGroupIngress: (call) => authorize(call, false),
  AuthorizeSecurityGroupEgress: (call) => authorize(call, true),
  RevokeSecurityGroupIngress: (call) => revoke(call, false),
  RevokeSecurityGroupEgress: (call) => revoke(call, true),

  DescribeSecurityGroups(call) {
    const names = call.input.strings('GroupName');
    const page = describeResources(call, {
      table: call.aws.ec2.securityGroups,
      idParam: 'GroupId',
      notFound: securityGroupNotFound,
      visible: (group) => names.length === 0 || names.includes(group.name),
      fields: {
        'group-id': (group) => group.id,
        'group-name': (group) => group.name,
        'vpc-id': (group) => group.vpcId,
        description: (group) => group.description,
        'owner-id': () => AWS_ACCOUNT_ID,
      },
    });
    return {securityGroupInfo: items(page.items.map(securityGroupXml)), nextToken: page.nextToken};
  },

  DescribeSecurityGroupRules({input, region, aws}) {
    const wanted = input.strings('SecurityGroupRuleId');
    const rules = aws.ec2.securityGroups.inRegion(region).flatMap((group) => group.rules)
      .filter((rule) => wanted.length === 0 || wanted.includes(rule.id));
    const missing = wanted.find((id) => !rules.some((rule) => rule.id === id));
    if (missing) {
      throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${missing}' does not exist`);
    }
    const matching = applyFilters(rules, readFilters(input, 'Filter', 'Value'), {
      fields: {'group-id': (rule) => rule.groupId, 'security-group-rule-id': (rule) => rule.id},
      tags: (rule) => rule.tags,
    });
    const page = paginate(matching, {maxResults: input.integer('MaxResults'), token: input.string('NextToken')});
    return {securityGroupRuleSet: items(page.items.map(ruleXml)), nextToken: page.nextToken};
  },
};
