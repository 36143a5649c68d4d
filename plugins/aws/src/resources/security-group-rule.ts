/**
 * Ingress rules, one resource each, tagged in the call that authorises them. AWS cannot change a rule in place:
 * a different rule is a new rule, so there is no update. The allow-all egress rule AWS gives every group is not
 * kopsx' (untagged) and is left alone.
 */
import {AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupRulesCommand, RevokeSecurityGroupIngressCommand} from '@aws-sdk/client-ec2';
import type {IpPermission} from '@aws-sdk/client-ec2';
import type {ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownedTags, ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications} from './ec2-tags.js';
import {ignoreNotFound, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function securityGroupRuleHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.securityGroupRule,
    // The same rule cannot exist twice in a group.
    deleteBeforeReplace: true,

    async list(ctx) {
      const rules = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeSecurityGroupRulesCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {
          abortSignal: ctx.signal,
        });
        return {items: out.SecurityGroupRules, next: out.NextToken};
      });
      return rules.flatMap((rule) => {
        const tags = visibleTags(rule.Tags);
        const id = rule.SecurityGroupRuleId;
        if (!id || rule.IsEgress || ownershipOf(tags, ctx.clusterName, Kind.securityGroupRule) !== 'owned') return [];
        const properties = {
          securityGroupId: rule.GroupId,
          protocol: rule.IpProtocol,
          fromPort: rule.FromPort,
          toPort: rule.ToPort,
          cidrIpv4: rule.CidrIpv4,
          cidrIpv6: rule.CidrIpv6,
          sourceSecurityGroupId: rule.ReferencedGroupInfo?.GroupId,
        };
        return [observed({kind: Kind.securityGroupRule, name: tags.Name ?? id, id, properties})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: p.string('securityGroupId'),
          IpPermissions: [permission(desired)],
          TagSpecifications: tagSpecifications('security-group-rule', ownedTags(ctx.clusterName, Kind.securityGroupRule, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const id = out.SecurityGroupRules?.[0]?.SecurityGroupRuleId;
      if (!id) throw new Error(`AuthorizeSecurityGroupIngress for ${desired.name} returned no rule ID`);
      return observed({kind: Kind.securityGroupRule, name: desired.name, id, properties: {...desired.properties}});
    },

    async delete(ctx, current) {
      reads.invalidate();
      const groupId = String(current.properties.securityGroupId);
      await ignoreNotFound(() =>
        ec2.send(new RevokeSecurityGroupIngressCommand({GroupId: groupId, SecurityGroupRuleIds: [current.id]}), {abortSignal: ctx.signal}),
      );
    },
  };
}

function permission(desired: ResolvedResource): IpPermission {
  const p = read(desired);
  const cidrIpv4 = p.optionalString('cidrIpv4');
  const cidrIpv6 = p.optionalString('cidrIpv6');
  const source = p.optionalString('sourceSecurityGroupId');
  return {
    IpProtocol: p.string('protocol'),
    FromPort: p.number('fromPort'),
    ToPort: p.number('toPort'),
    IpRanges: cidrIpv4 ? [{CidrIp: cidrIpv4}] : undefined,
    Ipv6Ranges: cidrIpv6 ? [{CidrIpv6: cidrIpv6}] : undefined,
    UserIdGroupPairs: source ? [{GroupId: source}] : undefined,
  };
}
