/**
 * The API load balancer's listener. A listener belongs to the cluster because its load balancer does, and is
 * named after it (`api.<cluster>:443`); it is tagged on create all the same.
 */
import {CreateListenerCommand, DeleteListenerCommand, DescribeListenersCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {apiLoadBalancingNames} from '../names.js';
import {ownedTags, recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterLoadBalancing} from './elb-reads.js';
import {ignoreNotFound, observed} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function listenerHandler(api: AwsApi): ResourceHandler {
  const {elbv2} = api.clients;
  return {
    kind: Kind.listener,
    deleteBeforeReplace: true,

    async list(ctx) {
      const {loadBalancer} = await clusterLoadBalancing(api, ctx);
      const loadBalancerArn = loadBalancer?.LoadBalancerArn;
      if (!loadBalancerArn) return [];
      const listeners = await allPages(async (Marker) => {
        const out = await elbv2.send(new DescribeListenersCommand({LoadBalancerArn: loadBalancerArn, Marker}), {abortSignal: ctx.signal});
        return {items: out.Listeners, next: out.NextMarker};
      });
      const loadBalancerName = apiLoadBalancingNames(ctx.clusterName).resource;
      return listeners.flatMap((listener) => {
        if (!listener.ListenerArn) return [];
        const properties = {
          loadBalancerArn,
          protocol: listener.Protocol,
          port: listener.Port,
          targetGroupArn: listener.DefaultActions?.[0]?.TargetGroupArn,
        };
        const name = `${loadBalancerName}:${listener.Port}`;
        return [observed({kind: Kind.listener, name, id: listener.ListenerArn, properties, attributes: {arn: listener.ListenerArn}})];
      });
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: p.string('loadBalancerArn'),
          Protocol: p.string('protocol') as 'TCP',
          Port: p.number('port'),
          DefaultActions: [{Type: 'forward', TargetGroupArn: p.string('targetGroupArn')}],
          Tags: recordToTags(ownedTags(ctx.clusterName, Kind.listener, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const arn = out.Listeners?.[0]?.ListenerArn;
      if (!arn) throw new Error(`CreateListener for ${desired.name} returned no ARN`);
      return observed({kind: Kind.listener, name: desired.name, id: arn, properties: {...desired.properties}, attributes: {arn}});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => elbv2.send(new DeleteListenerCommand({ListenerArn: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
