import type {ConformanceCheck} from '../check-result.js';
import {apply} from './apply.js';
import {deleteClusterCheck} from './delete-cluster.js';
import {faultThenRerun} from './fault-then-rerun.js';
import {foreignResources} from './foreign-resources.js';
import {idempotence} from './idempotence.js';
import {machineType} from './machine-type.js';
import {previewFromEmpty} from './preview-from-empty.js';
import {referenceModel} from './reference-model.js';
import {scale} from './scale.js';
import {zoneValidation} from './zone-validation.js';

/** Every check, in the order they run: later ones build on the cluster the earlier ones left. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  zoneValidation,
  referenceModel,
  previewFromEmpty,
  apply,
  idempotence,
  scale,
  machineType,
  deleteClusterCheck,
  foreignResources,
  faultThenRerun,
];
