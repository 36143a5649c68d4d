import {CLUSTER_LABEL, groupBundles} from '@kopsx/core';
import type {Cluster, InstanceGroup, ParsedManifests} from '@kopsx/core';
import {UsageError} from '../usage-error.js';

/** What a manifest says about one cluster: its Cluster document (when the file has it) and instance groups. */
export interface ClusterChange {
  readonly clusterName: string;
  readonly cluster?: Cluster;
  readonly instanceGroups: readonly InstanceGroup[];
}

export interface SplitOptions {
  /** The cluster for instance groups that name none and have no Cluster beside them (`--name`). */
  readonly defaultCluster?: string;
}

/**
 * Sorts a manifest's documents by cluster. Instance groups whose cluster is not in the file (e.g. a file
 * adding one group to a stored cluster) are kept apart and get the cluster label, so they are stored
 * exactly like groups that `create cluster` wrote.
 */
export function splitManifest(parsed: ParsedManifests, options: SplitOptions = {}): ClusterChange[] {
  const inFile = new Set(parsed.clusters.map((c) => c.metadata.name));
  const labelOf = (ig: InstanceGroup): string | undefined => ig.metadata.labels?.[CLUSTER_LABEL];
  const isLoose = (ig: InstanceGroup): boolean => {
    const label = labelOf(ig);
    return label ? !inFile.has(label) : parsed.clusters.length === 0;
  };

  const changes: ClusterChange[] = groupBundles({
    clusters: parsed.clusters,
    instanceGroups: parsed.instanceGroups.filter((ig) => !isLoose(ig)),
  }).map((bundle) => ({clusterName: bundle.cluster.metadata.name, ...bundle}));

  const loose = new Map<string, InstanceGroup[]>();
  for (const ig of parsed.instanceGroups.filter(isLoose)) {
    const clusterName = labelOf(ig) ?? options.defaultCluster;
    if (!clusterName) {
      throw new UsageError(
        `instance group "${ig.metadata.name}" does not say which cluster it belongs to`,
        `add the label ${CLUSTER_LABEL}: <cluster> to its metadata, or pass --name <cluster>`,
      );
    }
    const labelled = {...ig, metadata: {...ig.metadata, labels: {...ig.metadata.labels, [CLUSTER_LABEL]: clusterName}}};
    loose.set(clusterName, [...(loose.get(clusterName) ?? []), labelled]);
  }
  for (const [clusterName, instanceGroups] of loose) changes.push({clusterName, instanceGroups});
  return changes;
}
