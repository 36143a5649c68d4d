/** The API's target group (TCP 443 to the control-plane instances, which their autoscaling groups register). */
import {CreateTargetGroupCommand, DeleteTargetGroupCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancingNames} from '../names.js';
import {ownedTags, recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {assertOwned, clusterLoadBalancing} from './elb-reads.js';
import {ignoreNotFound, observed} from './observe.js';
import {read} from './read-properties.js';

export function targetGroupHandler(api: AwsApi): ResourceHandler {
  const {elbv2} = api.clients;
  return {
    kind: Kind.targetGroup,
    replaceOn: ['targetGroupName', 'protocol', 'port', 'targetType', 'vpcId'],
    // Target group names are unique in a region.
    deleteBeforeReplace: true,

    async list(ctx) {
      const {targetGroup: tg} = await clusterLoadBalancing(api, ctx);
      if (!tg?.TargetGroupArn) return [];
      const arn = tg.TargetGroupArn;
      const properties = {targetGroupName: tg.TargetGroupName, protocol: tg.Protocol, port: tg.Port, targetType: tg.TargetType, vpcId: tg.VpcId};
      const name = apiLoadBalancingNames(ctx.clusterName).resource;
      return [observed({kind: Kind.targetGroup, name, id: arn, properties, attributes: {arn}})];
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await elbv2.send(
        new CreateTargetGroupCommand({
          Name: p.string('targetGroupName'),
          Protocol: p.string('protocol') as 'TCP',
          Port: p.number('port'),
          TargetType: p.string('targetType') as 'instance',
          VpcId: p.string('vpcId'),
          Tags: recordToTags(ownedTags(ctx.clusterName, Kind.targetGroup, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const arn = out.TargetGroups?.[0]?.TargetGroupArn;
      if (!arn) throw new Error(`CreateTargetGroup for ${desired.name} returned no ARN`);
      return observed({kind: Kind.targetGroup, name: desired.name, id: arn, properties: {...desired.properties}, attributes: {arn}});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(async () => {
        await assertOwned(elbv2, ctx, current);
        await elbv2.send(new DeleteTargetGroupCommand({TargetGroupArn: current.id}), {abortSignal: ctx.signal});
      });
    },
  };
}
