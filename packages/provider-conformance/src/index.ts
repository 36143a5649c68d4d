// @kopsx/provider-conformance: the checks every kopsx cloud provider passes, run from the provider's own tests.
export {describeConformance} from './describe-conformance.js';
export {runConformance} from './run-conformance.js';
export {formatConformanceReport} from './format-report.js';
export type {ConformanceReport} from './format-report.js';
export {SIMULATOR_RETRY} from './options.js';
export type {CloudResourceRef, ConformanceHooks, ConformanceOptions} from './options.js';
export {ConformanceFailure} from './check-result.js';
export type {CheckResult, CheckStatus} from './check-result.js';
export {REFERENCE_CLUSTER_NAME} from './reference-cluster.js';
