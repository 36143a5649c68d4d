import {ValidationError, type FieldProblem} from '../errors.js';
import type {Cluster} from './types.js';

/** The name of the cloud a cluster runs on: the one key of `spec.cloudProvider` (`{aws: {}}` → `aws`). */
export function cloudOf(cluster: Cluster): string {
  const problem = cloudProviderProblem(cluster);
  if (problem) throw new ValidationError([problem], `cluster "${cluster.metadata.name}"`);
  return Object.keys(cluster.spec.cloudProvider)[0] ?? '';
}

/** The problem with `spec.cloudProvider` when it does not name exactly one cloud. */
export function cloudProviderProblem(cluster: Cluster): FieldProblem | undefined {
  const clouds = Object.keys(cluster.spec.cloudProvider);
  if (clouds.length === 1) return undefined;
  return {
    path: 'spec.cloudProvider',
    message:
      clouds.length === 0 ? 'names no cloud' : `names ${clouds.length} clouds (${clouds.join(', ')}); a cluster runs on one`,
    hint: 'write e.g. "cloudProvider: aws"',
  };
}
