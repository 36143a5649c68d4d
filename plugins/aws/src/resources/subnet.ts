/** Subnets: owned ones by tag and logical name; shared ones (tagged `shared` for the cluster) by their ID. */
import {CreateSubnetCommand, DeleteSubnetCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterSubnets} from './ec2-reads.js';
import {tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';

export function subnetHandler(api: AwsApi): ResourceHandler {
  const {ec2} = api.clients;
  return {
    kind: Kind.subnet,
    replaceOn: ['vpcId', 'cidrBlock', 'availabilityZone'],
    // The replacement may need the same CIDR block.
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const subnets = await clusterSubnets(api, ctx);
      return subnets.flatMap((subnet) => {
        const tags = visibleTags(subnet.Tags);
        const lifecycle = ownershipOf(tags, ctx.clusterName, Kind.subnet);
        const id = subnet.SubnetId;
        if (!lifecycle || !id) return [];
        const properties = {vpcId: subnet.VpcId, cidrBlock: subnet.CidrBlock, availabilityZone: subnet.AvailabilityZone, tags};
        const name = lifecycle === 'shared' ? id : (tags.Name ?? id);
        return [observed({kind: Kind.subnet, name, id, properties, lifecycle})];
      });
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateSubnetCommand({
          VpcId: p.string('vpcId'),
          CidrBlock: p.string('cidrBlock'),
          AvailabilityZone: p.string('availabilityZone'),
          TagSpecifications: tagSpecifications('subnet', p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      const id = out.Subnet?.SubnetId;
      if (!id) throw new Error(`CreateSubnet for ${desired.name} returned no ID`);
      return observed({kind: Kind.subnet, name: desired.name, id, properties: {...desired.properties}});
    },

    async update(ctx, current, desired) {
      api.reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteSubnetCommand({SubnetId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
