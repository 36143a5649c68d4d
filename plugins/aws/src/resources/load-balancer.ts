/** The API's network load balancer. New ones are `provisioning` for a while: `waitReady` waits for `active`. */
import {CreateLoadBalancerCommand, DeleteLoadBalancerCommand, DescribeLoadBalancersCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {LoadBalancer} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancingNames} from '../names.js';
import {ownedTags, recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {assertOwned, clusterLoadBalancing} from './elb-reads.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {read} from './read-properties.js';
import {waitFor} from './wait-for.js';

export function loadBalancerHandler(api: AwsApi): ResourceHandler {
  const {elbv2} = api.clients;
  return {
    kind: Kind.loadBalancer,
    // Nothing of a load balancer is changed in place by kopsx.
    replaceOn: ['loadBalancerName', 'type', 'scheme', 'subnetIds', 'securityGroupIds'],
    // Load balancer names are unique in a region.
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const {loadBalancer: lb} = await clusterLoadBalancing(api, ctx);
      if (!lb?.LoadBalancerArn) return [];
      const properties = {
        loadBalancerName: lb.LoadBalancerName,
        type: lb.Type,
        scheme: lb.Scheme,
        subnetIds: (lb.AvailabilityZones ?? []).map((zone) => zone.SubnetId),
        securityGroupIds: lb.SecurityGroups ?? [],
      };
      const name = apiLoadBalancingNames(ctx.clusterName).resource;
      return [observed({kind: Kind.loadBalancer, name, id: lb.LoadBalancerArn, properties, attributes: attributesOf(lb)})];
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: p.string('loadBalancerName'),
          Type: p.string('type') as 'network',
          Scheme: p.string('scheme') as 'internet-facing',
          Subnets: p.strings('subnetIds'),
          SecurityGroups: p.strings('securityGroupIds'),
          Tags: recordToTags(ownedTags(ctx.clusterName, Kind.loadBalancer, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const lb = out.LoadBalancers?.[0];
      if (!lb?.LoadBalancerArn) throw new Error(`CreateLoadBalancer for ${desired.name} returned no load balancer`);
      return observed({kind: Kind.loadBalancer, name: desired.name, id: lb.LoadBalancerArn, properties: {...desired.properties}, attributes: attributesOf(lb)});
    },

    async waitReady(ctx, current) {
      const lb = await waitFor(
        async () => {
          const out = await elbv2.send(new DescribeLoadBalancersCommand({LoadBalancerArns: [current.id]}), {abortSignal: ctx.signal});
          const found = out.LoadBalancers?.[0];
          if (found?.State?.Code === 'failed') throw new Error(`load balancer ${current.name} failed: ${found.State.Reason ?? 'no reason given'}`);
          return found?.State?.Code === 'active' ? found : undefined;
        },
        {what: `load balancer ${current.name} to become active`, signal: ctx.signal},
      );
      return changed(current, {attributes: attributesOf(lb)});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(async () => {
        await assertOwned(elbv2, ctx, current);
        await elbv2.send(new DeleteLoadBalancerCommand({LoadBalancerArn: current.id}), {abortSignal: ctx.signal});
      });
    },
  };
}

/** What DNS records, listeners and gossip clusters' user-data refer to. */
function attributesOf(lb: LoadBalancer): Record<string, string | undefined> {
  return {arn: lb.LoadBalancerArn, dnsName: lb.DNSName, canonicalHostedZoneId: lb.CanonicalHostedZoneId};
}
