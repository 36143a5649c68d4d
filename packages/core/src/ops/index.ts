// Cluster operations: what the CLI's `update`, `delete`, `export kubecfg`, `validate` and `rolling-update`
// commands call. Each starts from a ClusterTarget (store, cluster name, providers, env); the CLI takes the
// cluster's lock around those that change the cluster.
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
export {DEFAULT_ADMIN_VALIDITY_MS, buildKubeconfig, exportKubeconfig} from './kubeconfig.js';
export type {
  AdminCredentialOptions,
  BuildKubeconfigOptions,
  ClientCredentials,
  ClusterKubeconfig,
  ExportKubeconfigOptions,
  KubeconfigExport,
} from './kubeconfig.js';
export {defaultKubeconfigPath} from './kubeconfig-file.js';
export {KubernetesApiError, KubernetesClient, KubernetesUnreachableError} from './kubeconfig-client.js';
export type {EvictionResult, KubeNode, KubePod} from './kubeconfig-client.js';
export {resolveApiServer} from './kubeconfig-server.js';
export {openClusterSession} from './validate-session.js';
export type {ClusterSession, ClusterSessionOptions} from './validate-session.js';
export {DEFAULT_VALIDATE_INTERVAL_MS, checkCluster, checkClusterUntil, validateCluster, validateUntil} from './validate-cluster.js';
export type {ClusterValidation, ValidateClusterOptions, ValidateUntilOptions, ValidationRun} from './validate-cluster.js';
export type {InstanceGroupSummary, NodeSummary, ValidationFailure, ValidationFailureType} from './validate-checks.js';
export {planGroups, planRollingUpdate} from './rolling-update-plan.js';
export type {GroupSelection, GroupUpdatePlan, PlanRollingUpdateOptions, PlannedInstance, RollingUpdatePlan} from './rolling-update-plan.js';
export {rollingUpdate} from './rolling-update.js';
export type {RollingUpdateResult} from './rolling-update.js';
export {ROLLING_UPDATE_DEFAULTS} from './rolling-update-options.js';
export type {RollingUpdateEvent, RollingUpdateIntervals, RollingUpdateOptions} from './rolling-update-options.js';
export {RollingUpdateValidationError} from './rolling-update-group.js';
export {DrainError} from './rolling-update-drain.js';
export {orderGroups, planWaves, resolveBudget} from './rolling-update-budget.js';
export type {BudgetInput, UpdateBudget, Wave} from './rolling-update-budget.js';
