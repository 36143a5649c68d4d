/**
 * The cluster's VM instances, and what Google records on the members of a managed instance group: the group
 * that created an instance (`created-by` metadata) and the template it was created from (`instance-template`).
 */
import type {protos} from '@google-cloud/compute';
import {lastSegment} from './names.js';
import {isOwned, labelFilter} from './ownership.js';
import type {GceApi} from './resources/index.js';
import {PAGE_SIZE, aggregated} from './resources/owned-listing.js';

export type Instance = protos.google.cloud.compute.v1.IInstance;

/** On an instance taken out of its group for a rolling update: the group's name. */
export const DETACHED_FROM_LABEL = 'kopsx-k8s-io-detached-from';

/** Every instance of the cluster, in every zone, in one aggregated listing (or those matching `filter`). */
export async function clusterInstances(api: GceApi, clusterName: string, filter = labelFilter(clusterName)): Promise<Instance[]> {
  const pages = api.clients.compute.instances.aggregatedListAsync({project: api.project, filter, maxResults: PAGE_SIZE}, {autoPaginate: false});
  return (await aggregated(pages, (scoped) => scoped.instances)).filter((instance) => isOwned(instance.description, clusterName));
}

function metadataValue(instance: Instance, key: string): string | undefined {
  return instance.metadata?.items?.find((item) => item.key === key)?.value ?? undefined;
}

/** `<zone>/<group name>` of the managed instance group that created the instance, however Google spells the project. */
export function creatorOf(instance: Instance): string | undefined {
  const match = /zones\/([^/]+)\/instanceGroupManagers\/([^/]+)$/.exec(metadataValue(instance, 'created-by') ?? '');
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The name of the template the instance was created from. */
export function templateOf(instance: Instance): string | undefined {
  const link = metadataValue(instance, 'instance-template');
  return link ? lastSegment(link) : undefined;
}

/** `<zone>/<name>` of a managed instance group. */
export function groupKey(group: {readonly zone?: string | null; readonly name?: string | null}): string {
  return `${lastSegment(group.zone ?? '')}/${group.name ?? ''}`;
}
