/**
 * One persistent disk per etcd member and etcd cluster (main, events), in the zone of the member's control-plane
 * group, named and labelled as kOps does (`a-etcd-main-<cluster>`) so that an etcd manager on the control plane
 * could find and claim it.
 */
import {ValidationError} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {sanitize} from '../names.js';
import {diskTypeOf} from './instance-groups.js';
import type {ModelContext} from './model-context.js';

const DEFAULT_SIZE_GB = 20;

export function addEtcdDisks(ctx: ModelContext): void {
  ctx.spec.etcdClusters.forEach((etcd, etcdIndex) => {
    etcd.etcdMembers.forEach((member, memberIndex) => {
      const path = `spec.etcdClusters[${etcdIndex}].etcdMembers[${memberIndex}]`;
      const properties = {
        zone: memberZone(ctx, member.instanceGroup, path),
        sizeGb: member.volumeSize ?? DEFAULT_SIZE_GB,
        type: diskTypeOf(member.volumeType ?? 'pd-ssd', `${path}.volumeType`),
      };
      const labels = {[`k8s-io-etcd-${sanitize(etcd.name)}`]: sanitize(member.name), 'k8s-io-role-control-plane': 'true'};
      ctx.add(Kind.disk, ctx.named(`${sanitize(member.name)}-etcd-${sanitize(etcd.name)}`), properties, {labels});
    });
  });
}

function memberZone(ctx: ModelContext, instanceGroup: string, path: string): string {
  const group = ctx.instanceGroups.find((g) => g.metadata.name === instanceGroup);
  const zone = group ? ctx.zonesOf(group)[0] : undefined;
  if (!zone) {
    throw new ValidationError([{path: `${path}.instanceGroup`, message: `"${instanceGroup}" is not a control-plane instance group with a zone`}]);
  }
  return zone;
}
