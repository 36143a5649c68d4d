/**
 * etcd's EBS volumes. They hold the cluster's state, so whatever AWS can change in place (size, type, tags)
 * is changed in place; only a new zone or encryption setting means a new, empty volume.
 */
import {CreateVolumeCommand, DeleteVolumeCommand, DescribeVolumesCommand, ModifyVolumeCommand} from '@aws-sdk/client-ec2';
import type {VolumeType} from '@aws-sdk/client-ec2';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, tagSpecifications, updateTags} from './ec2-tags.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function ebsVolumeHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  return {
    kind: Kind.ebsVolume,
    replaceOn: ['availabilityZone', 'encrypted'],
    equal: looseEqual,

    async list(ctx) {
      const filters = [...clusterFilter(ctx.clusterName), {Name: 'status', Values: ['creating', 'available', 'in-use']}];
      const volumes = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeVolumesCommand({Filters: filters, NextToken}), {abortSignal: ctx.signal});
        return {items: out.Volumes, next: out.NextToken};
      });
      return volumes.flatMap((volume) => {
        const tags = visibleTags(volume.Tags);
        const id = volume.VolumeId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.ebsVolume) !== 'owned') return [];
        const properties = {
          availabilityZone: volume.AvailabilityZone,
          size: volume.Size,
          volumeType: volume.VolumeType,
          encrypted: volume.Encrypted,
          tags,
        };
        return [observed({kind: Kind.ebsVolume, name: tags.Name ?? id, id, properties})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: p.string('availabilityZone'),
          Size: p.number('size'),
          VolumeType: p.string('volumeType') as VolumeType,
          Encrypted: p.boolean('encrypted'),
          TagSpecifications: tagSpecifications('volume', p.record('tags')),
        }),
        {abortSignal: ctx.signal},
      );
      if (!out.VolumeId) throw new Error(`CreateVolume for ${desired.name} returned no ID`);
      return observed({kind: Kind.ebsVolume, name: desired.name, id: out.VolumeId, properties: {...desired.properties}});
    },

    async update(ctx, current, desired, changes) {
      reads.invalidate();
      const p = read(desired);
      const fields = new Set(changes.map((c) => c.field));
      if (fields.has('size') || fields.has('volumeType')) {
        await ec2.send(new ModifyVolumeCommand({VolumeId: current.id, Size: p.number('size'), VolumeType: p.string('volumeType') as VolumeType}), {
          abortSignal: ctx.signal,
        });
      }
      if (fields.has('tags')) await updateTags(ec2, ctx, current, desired);
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteVolumeCommand({VolumeId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
