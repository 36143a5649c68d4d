/**
 * Ownership tags. Every resource kopsx creates carries them from its create call on, so that a crash can never
 * leave an untagged orphan, and discovery finds a cluster's resources by tag alone.
 *
 * `kubernetes.io/cluster/<name>` is what Kubernetes' AWS integrations read (`owned` or `shared`); other tools
 * (the cloud controller manager, the EBS CSI driver) also create resources tagged `owned`, so kopsx adds its own
 * marker, `kopsx.k8s.io/kind`, and only ever manages resources that carry it.
 */
export const CLUSTER_TAG = 'KubernetesCluster';
export const NAME_TAG = 'Name';
export const KIND_TAG = 'kopsx.k8s.io/kind';
/** On autoscaling groups and (propagated) their instances: the kopsx instance group, under kOps' key. */
export const INSTANCE_GROUP_TAG = 'kops.k8s.io/instancegroup';
/** On an instance taken out of its autoscaling group for a rolling update: the group's name. */
export const DETACHED_FROM_TAG = 'kopsx.k8s.io/detached-from';
/** On launch templates: the image reference (`owner/name-pattern` or an AMI ID) the template was built from. */
export const IMAGE_TAG = 'kopsx.k8s.io/image';

export type Tags = Readonly<Record<string, string>>;

export function ownershipTagKey(clusterName: string): string {
  return `kubernetes.io/cluster/${clusterName}`;
}

/** The tags of a resource kopsx creates, plus `extra` (which never overrides the ownership tags). */
export function ownedTags(clusterName: string, kind: string, name: string, extra: Tags = {}): Tags {
  return {
    ...extra,
    [CLUSTER_TAG]: clusterName,
    [ownershipTagKey(clusterName)]: 'owned',
    [NAME_TAG]: name,
    [KIND_TAG]: kind,
  };
}

/** Whether a resource with these tags belongs to the cluster, and how; undefined when it is not ours at all. */
export function ownershipOf(tags: Tags, clusterName: string, kind: string): 'owned' | 'shared' | undefined {
  const value = tags[ownershipTagKey(clusterName)];
  if (value === 'shared') return 'shared';
  if (value === 'owned' && tags[CLUSTER_TAG] === clusterName && tags[KIND_TAG] === kind) return 'owned';
  return undefined;
}

/** AWS answers tags as a list of `{Key, Value}`. */
export function tagsToRecord(list: readonly {Key?: string; Value?: string}[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? '';
  return record;
}

export function recordToTags(tags: Tags): {Key: string; Value: string}[] {
  return Object.entries(tags).map(([Key, Value]) => ({Key, Value}));
}
