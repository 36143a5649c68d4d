import {ValidationError, type FieldProblem} from '../errors.js';
import {clusterProblems} from './validate-cluster.js';
import {etcdProblems} from './validate-etcd.js';
import {instanceGroupProblems} from './validate-instance-groups.js';
import {accessWarnings, networkProblems} from './validate-network.js';
import {zoneProblems, type ZoneValidator} from './validate-zones.js';
import type {ClusterBundle} from './types.js';

export interface ValidationOptions {
  /** When a provider is installed it validates zones/regions; otherwise generic checks only. */
  zoneValidator?: ZoneValidator;
}

export interface ValidationResult {
  problems: FieldProblem[];
  warnings: FieldProblem[];
}

/** Every cloud-neutral rule a cluster and its instance groups must meet; see docs/spec-reference.md. */
export function validateBundle(bundle: ClusterBundle, options: ValidationOptions = {}): ValidationResult {
  return {
    problems: [
      ...clusterProblems(bundle.cluster),
      ...networkProblems(bundle.cluster.spec),
      ...zoneProblems(bundle, options.zoneValidator),
      ...instanceGroupProblems(bundle),
      ...etcdProblems(bundle),
    ],
    warnings: accessWarnings(bundle.cluster.spec),
  };
}

/** Throws a ValidationError listing every problem; otherwise returns the result, whose warnings callers show. */
export function assertValid(bundle: ClusterBundle, options?: ValidationOptions): ValidationResult {
  const result = validateBundle(bundle, options);
  if (result.problems.length > 0) throw new ValidationError(result.problems, `cluster "${bundle.cluster.metadata.name}"`);
  return result;
}
