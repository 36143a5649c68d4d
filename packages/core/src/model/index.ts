// The cluster model: kOps-compatible manifests, how kopsx builds, completes and validates them.
export * from './types.js';
export {parseManifests, type ParsedManifests} from './parse-manifests.js';
export {groupBundles} from './group-bundles.js';
export {cloudOf} from './cloud-of.js';
export {buildCluster, type CreateClusterOptions} from './build-cluster.js';
export {completeCluster} from './complete-cluster.js';
export {validateBundle, assertValid, type ValidationOptions, type ValidationResult} from './validate-bundle.js';
export {toYaml} from './to-yaml.js';
export {isValidClusterName} from './cluster-name.js';
export {DEFAULT_KUBERNETES_VERSION} from './defaults.js';
