// Cluster operations: what the CLI's `update cluster` and `delete cluster` call. Each starts from a
// ClusterTarget (store, cluster name, providers, env); the CLI takes the cluster's lock around them.
export type {ClusterTarget} from './cluster-target.js';
export type {DiscoveryOptions} from './connect-and-discover.js';
export {loadClusterModel} from './load-cluster-model.js';
export type {ClusterModel} from './load-cluster-model.js';
export {applyClusterUpdate, planClusterUpdate} from './update-cluster.js';
export type {ApplyClusterUpdateOptions, ClusterUpdate, PlanClusterUpdateOptions} from './update-cluster.js';
export {DEFAULT_DELETE_TIMEOUT_MS, DeletionTimeoutError, deleteCluster, planClusterDeletion} from './delete-cluster.js';
export type {ClusterDeletion, DeleteClusterOptions, PlanClusterDeletionOptions} from './delete-cluster.js';
export {writeTerraform} from './write-terraform.js';
export type {TerraformOutput, WriteTerraformOptions} from './write-terraform.js';
