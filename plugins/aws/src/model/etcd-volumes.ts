/**
 * One EBS volume per etcd member and etcd cluster (main, events), in the zone of the member's control-plane
 * group. The `k8s.io/etcd/<cluster>` tag (`<member>/<all members>`) is how a control plane finds and claims its
 * volume at boot (see etcd-volume-attach.ts). kubeadm runs a single etcd, so only `main`'s volumes are attached;
 * `events`' are kept for when events get their own etcd, as in kOps.
 */
import {ValidationError} from '@kopsx/core';
import type {EtcdClusterSpec, EtcdMemberSpec} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {ModelContext} from './model-context.js';

const DEFAULT_SIZE_GIB = 20;

export function addEtcdVolumes(ctx: ModelContext): void {
  ctx.spec.etcdClusters.forEach((etcd, etcdIndex) => {
    etcd.etcdMembers.forEach((member, memberIndex) => {
      const path = `spec.etcdClusters[${etcdIndex}].etcdMembers[${memberIndex}]`;
      const properties = {
        availabilityZone: memberZone(ctx, member.instanceGroup, path),
        size: member.volumeSize ?? DEFAULT_SIZE_GIB,
        volumeType: typeof member.volumeType === 'string' ? member.volumeType : 'gp3',
        encrypted: member.encryptedVolume ?? true,
      };
      const tags = {[etcdTagKey(etcd)]: etcdTagValue(etcd, member), 'k8s.io/role/control-plane': '1'};
      ctx.add(Kind.ebsVolume, ctx.named(`${member.name}.etcd-${etcd.name}`), properties, {tags});
    });
  });
}

export function etcdTagKey(etcd: EtcdClusterSpec): string {
  return `k8s.io/etcd/${etcd.name}`;
}

/** `<member>/<all members of the etcd cluster>`, as kOps writes it. */
export function etcdTagValue(etcd: EtcdClusterSpec, member: EtcdMemberSpec): string {
  return `${member.name}/${etcd.etcdMembers.map((m) => m.name).join(',')}`;
}

function memberZone(ctx: ModelContext, instanceGroup: string, path: string): string {
  const group = ctx.instanceGroups.find((g) => g.metadata.name === instanceGroup);
  const zone = group ? ctx.zonesOf(group)[0] : undefined;
  if (!zone) {
    throw new ValidationError([{path: `${path}.instanceGroup`, message: `"${instanceGroup}" is not a control-plane instance group with a subnet`}]);
  }
  return zone;
}
