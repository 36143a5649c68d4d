/** The API's target group (TCP 443 to the control-plane instances, which their autoscaling groups register). */
import {CreateTargetGroupCommand, DeleteTargetGroupCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterLoadBalancing} from './elb-reads.js';
import {updateElbTags} from './elb-tags.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {read} from './read-properties.js';

export function targetGroupHandler(api: AwsApi): ResourceHandler {
  const {elbv2} = api.clients;
  return {
    kind: Kind.targetGroup,
    replaceOn: ['targetGroupName', 'protocol', 'port', 'targetType', 'vpcId'],
    // Target group names are unique in a region.
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const {targetGroups} = await clusterLoadBalancing(api, ctx);
      return targetGroups.map(({value: tg, tags}) => {
        const arn = tg.TargetGroupArn ?? '';
        const properties = {
          targetGroupName: tg.TargetGroupName,
          protocol: tg.Protocol,
          port: tg.Port,
          targetType: tg.TargetType,
          vpcId: tg.VpcId,
          tags,
        };
        return observed({kind: Kind.targetGroup, name: tags.Name ?? arn, id: arn, properties, attributes: {arn}});
      });
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
          Tags: recordToTags(p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      const arn = out.TargetGroups?.[0]?.TargetGroupArn;
      if (!arn) throw new Error(`CreateTargetGroup for ${desired.name} returned no ARN`);
      return observed({kind: Kind.targetGroup, name: desired.name, id: arn, properties: {...desired.properties}, attributes: {arn}});
    },

    async update(ctx, current, desired) {
      api.reads.invalidate();
      await updateElbTags(elbv2, ctx, current.id, current.properties.tags as Record<string, string>, read(desired).record('tags'));
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => elbv2.send(new DeleteTargetGroupCommand({TargetGroupArn: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
