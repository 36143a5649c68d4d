import yaml from 'js-yaml';
import type {Cluster, InstanceGroup} from './types.js';

/**
 * Writes documents as kOps does: keys sorted at every level, lists not indented under their key, documents
 * separated by `---`. Sorting makes the output depend only on the content, so equal specs give equal bytes.
 */
export function toYaml(docs: ReadonlyArray<Cluster | InstanceGroup>): string {
  return docs
    .map((doc) =>
      yaml.dump(doc.kind === 'Cluster' ? withV1alpha2CloudProvider(doc) : doc, {
        schema: yaml.CORE_SCHEMA,
        sortKeys: true,
        noArrayIndent: true,
        lineWidth: -1,
        noRefs: true,
      }),
    )
    .join('---\n');
}

/**
 * kOps reads v1alpha2 `cloudProvider` as a plain string, so a cloud without options is written that way
 * (`cloudProvider: aws`) and kOps can read what kopsx stores. parseManifests turns it back into `{aws: {}}`.
 */
function withV1alpha2CloudProvider(cluster: Cluster): unknown {
  const entries = Object.entries(cluster.spec.cloudProvider);
  const [only] = entries;
  if (entries.length !== 1 || !only || Object.keys(only[1]).length > 0) return cluster;
  return {...cluster, spec: {...cluster.spec, cloudProvider: only[0]}};
}
