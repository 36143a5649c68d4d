import {ValidationError, type FieldProblem} from '../errors.js';
import type {ParsedManifests} from './parse-manifests.js';
import {CLUSTER_LABEL, type ClusterBundle} from './types.js';

/**
 * Puts each instance group with its cluster, found by the `kops.k8s.io/cluster` label. A group without the label
 * belongs to the only cluster when there is exactly one. Anything that cannot be placed is an error: callers
 * that accept instance groups alone (adding a group to a stored cluster) use `parsed.instanceGroups` directly.
 */
export function groupBundles(parsed: ParsedManifests): ClusterBundle[] {
  const problems: FieldProblem[] = [];
  const bundles = new Map<string, ClusterBundle>();
  for (const cluster of parsed.clusters) {
    const name = cluster.metadata.name;
    if (bundles.has(name)) {
      problems.push({path: `cluster/${name}: metadata.name`, message: 'appears in more than one Cluster document'});
    } else {
      bundles.set(name, {cluster, instanceGroups: []});
    }
  }
  const onlyCluster = bundles.size === 1 ? [...bundles.values()][0] : undefined;
  for (const ig of parsed.instanceGroups) {
    const label = ig.metadata.labels?.[CLUSTER_LABEL];
    const bundle = label === undefined ? onlyCluster : bundles.get(label);
    if (bundle) {
      bundle.instanceGroups.push(ig);
    } else {
      problems.push(unplaced(ig.metadata.name, label, [...bundles.keys()]));
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return [...bundles.values()];
}

function unplaced(ig: string, label: string | undefined, clusters: string[]): FieldProblem {
  const path = `instancegroup/${ig}: metadata.labels["${CLUSTER_LABEL}"]`;
  if (label !== undefined) {
    return {
      path,
      message: `names cluster "${label}", which is not among the documents (${clusters.join(', ') || 'none'})`,
      hint: 'add that Cluster document, or correct the label',
    };
  }
  return {
    path,
    message:
      clusters.length === 0 ? 'is missing and there is no Cluster document' : `is missing and there are ${clusters.length} clusters`,
    hint: `label the instance group with "${CLUSTER_LABEL}: <cluster name>"`,
  };
}
