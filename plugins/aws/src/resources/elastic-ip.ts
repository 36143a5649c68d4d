/** Elastic IPs, one per NAT gateway. */
import {AllocateAddressCommand, DescribeAddressesCommand, ReleaseAddressCommand} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';

export function elasticIpHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.elasticIp,
    replaceOn: ['domain'],
    equal: looseEqual,

    async list(ctx) {
      // DescribeAddresses answers in one page: an account has few addresses.
      const out = await ec2.send(new DescribeAddressesCommand({Filters: clusterFilter(ctx.clusterName)}), {abortSignal: ctx.signal});
      return (out.Addresses ?? []).flatMap((address) => {
        const tags = visibleTags(address.Tags);
        const id = address.AllocationId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.elasticIp) !== 'owned') return [];
        const attributes = {publicIp: address.PublicIp};
        return [observed({kind: Kind.elasticIp, name: tags.Name ?? id, id, properties: {domain: address.Domain, tags}, attributes})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new AllocateAddressCommand({Domain: 'vpc', TagSpecifications: tagSpecifications('elastic-ip', p.record('tags'))}),
        {abortSignal: ctx.signal},
      );
      if (!out.AllocationId) throw new Error(`AllocateAddress for ${desired.name} returned no allocation ID`);
      const attributes = {publicIp: out.PublicIp};
      return observed({kind: Kind.elasticIp, name: desired.name, id: out.AllocationId, properties: {...desired.properties}, attributes});
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new ReleaseAddressCommand({AllocationId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
