/**
 * One EBS volume per etcd member and etcd cluster (main, events), in the zone of the member's control-plane
 * group. The `k8s.io/etcd/<cluster>` tag (`<member>/<all members>`) is how etcd's volume manager on the control
 * plane finds and claims its volume.
 */
import {ValidationError} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {ModelContext} from './model-context.js';

const DEFAULT_SIZE_GIB = 20;

export function addEtcdVolumes(ctx: ModelContext): void {
  ctx.spec.etcdClusters.forEach((etcd, etcdIndex) => {
    const members = etcd.etcdMembers.map((m) => m.name).join(',');
    etcd.etcdMembers.forEach((member, memberIndex) => {
      const path = `spec.etcdClusters[${etcdIndex}].etcdMembers[${memberIndex}]`;
      const properties = {
        availabilityZone: memberZone(ctx, member.instanceGroup, path),
        size: member.volumeSize ?? DEFAULT_SIZE_GIB,
        volumeType: typeof member.volumeType === 'string' ? member.volumeType : 'gp3',
        encrypted: member.encryptedVolume ?? true,
      };
      const tags = {[`k8s.io/etcd/${etcd.name}`]: `${member.name}/${members}`, 'k8s.io/role/control-plane': '1'};
      ctx.add(Kind.ebsVolume, ctx.named(`${member.name}.etcd-${etcd.name}`), properties, {tags});
    });
  });
}

function memberZone(ctx: ModelContext, instanceGroup: string, path: string): string {
  const group = ctx.instanceGroups.find((g) => g.metadata.name === instanceGroup);
  const zone = group ? ctx.zonesOf(group)[0] : undefined;
  if (!zone) {
    throw new ValidationError([{path: `${path}.instanceGroup`, message: `"${instanceGroup}" is not a control-plane instance group with a subnet`}]);
  }
  return zone;
}
