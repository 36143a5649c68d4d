import {toYaml} from '@kopsx/core';
import type {Cluster, InstanceGroup} from '@kopsx/core';

export type DocumentFormat = 'yaml' | 'json';

/**
 * Cluster and InstanceGroup documents as a manifest: YAML (`---`-separated, what `create -f`/`replace -f`
 * read back), or JSON (one object, or an array when there are several).
 */
export function formatDocuments(docs: ReadonlyArray<Cluster | InstanceGroup>, format: DocumentFormat): string {
  if (format === 'yaml') return toYaml(docs).trimEnd();
  return JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2);
}
