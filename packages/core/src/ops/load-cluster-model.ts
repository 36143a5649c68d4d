import type {FieldProblem} from '../errors.js';
import {assertValid, cloudOf, completeCluster} from '../model/index.js';
import type {ClusterBundle} from '../model/index.js';
import type {CloudModel, CloudProvider} from '../provider/index.js';
import {ClusterRegistry} from '../state/index.js';
import type {ClusterTarget} from './cluster-target.js';
import {loadModelInputs} from './model-inputs.js';

/** A stored cluster ready for its provider: completed, validated, and turned into desired resources. */
export interface ClusterModel {
  /** The completed spec: every default filled in, as the provider and `cluster-completed.spec` see it. */
  readonly bundle: ClusterBundle;
  readonly provider: CloudProvider;
  readonly model: CloudModel;
  /** Validation warnings (e.g. the API open to the world), for the CLI to show. */
  readonly warnings: readonly FieldProblem[];
  /** Set for a beta provider: one line for the CLI to show. */
  readonly notice?: string;
}

/**
 * Loads the cluster from the store, picks its cloud's provider, completes and validates the spec (zones
 * by the provider) and builds the model from it and the keystore (see ClusterTarget.persistSecrets).
 * Touches no cloud. Throws NotFoundError for an unknown cluster,
 * MissingProviderError / AlphaProviderDisabledError when the cloud cannot be used, ValidationError for
 * an invalid spec.
 */
export async function loadClusterModel(target: ClusterTarget): Promise<ClusterModel> {
  const stored = await new ClusterRegistry(target.store).require(target.clusterName);
  const {provider, notice} = target.providers.require(cloudOf(stored.cluster), {
    featureFlags: target.env.KOPS_FEATURE_FLAGS,
  });
  const bundle = completeCluster(stored);
  const {warnings} = assertValid(bundle, {zoneValidator: (zones) => provider.validateZones(zones)});
  const model = provider.buildModel(bundle, await loadModelInputs(target.store, bundle, {persistSecrets: target.persistSecrets}));
  return {bundle, provider, model, warnings, ...(notice === undefined ? {} : {notice})};
}
