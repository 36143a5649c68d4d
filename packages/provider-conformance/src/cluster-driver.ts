/**
 * Drives the reference cluster through core's operations, as the CLI's `update cluster` and `delete cluster`
 * do: the spec lives in a memfs state store, and every plan, apply and delete goes through @kopsx/core.
 */
import {randomUUID} from 'node:crypto';
import {
  ClusterRegistry,
  ProviderRegistry,
  applyClusterUpdate,
  deleteCluster,
  openStateStore,
  planClusterDeletion,
  planClusterUpdate,
} from '@kopsx/core';
import type {
  ApplyResult,
  CloudConnection,
  CloudProvider,
  ClusterBundle,
  ClusterTarget,
  ClusterUpdate,
  InstanceGroup,
  RetryOptions,
  StateStore,
} from '@kopsx/core';

export interface ClusterDriverOptions {
  readonly provider: CloudProvider;
  readonly env: NodeJS.ProcessEnv;
  /** The cluster as stored at the start (and again by `storeCluster` after a delete). */
  readonly bundle: ClusterBundle;
  readonly retry: Partial<RetryOptions>;
}

export interface PlanOptions {
  /** As an apply must: create the cluster's secrets in the store. A preview leaves the store alone. */
  readonly persistSecrets?: boolean;
}

export class ClusterDriver {
  readonly clusterName: string;
  readonly #options: ClusterDriverOptions;
  readonly #env: NodeJS.ProcessEnv;
  readonly #providers = new ProviderRegistry();
  #store: Promise<StateStore> | undefined;

  constructor(options: ClusterDriverOptions) {
    this.#options = options;
    this.clusterName = options.bundle.cluster.metadata.name;
    this.#env = withAlphaAllowed(options.env, options.provider.cloud);
    this.#providers.register(options.provider, {packageName: 'the provider under test', version: '0.0.0'});
  }

  get provider(): CloudProvider {
    return this.#options.provider;
  }

  get retry(): Partial<RetryOptions> {
    return this.#options.retry;
  }

  /** The reference cluster as first stored (later checks change the stored copy). */
  get bundle(): ClusterBundle {
    return this.#options.bundle;
  }

  store(): Promise<StateStore> {
    this.#store ??= openStateStore(`memfs://kopsx-conformance-${randomUUID()}`);
    return this.#store;
  }

  async registry(): Promise<ClusterRegistry> {
    return new ClusterRegistry(await this.store());
  }

  /** Stores the reference cluster unless the store already has it (it goes with every delete). */
  async storeCluster(): Promise<void> {
    const registry = await this.registry();
    if (!(await registry.get(this.clusterName))) await registry.create(this.#options.bundle);
  }

  async isStored(): Promise<boolean> {
    return (await (await this.registry()).get(this.clusterName)) !== undefined;
  }

  /** The stored instance group `name`, as the checks have changed it so far. */
  async instanceGroup(name: string): Promise<InstanceGroup> {
    const stored = await (await this.registry()).require(this.clusterName);
    const group = stored.instanceGroups.find((ig) => ig.metadata.name === name);
    if (!group) throw new Error(`the stored cluster has no instance group "${name}"`);
    return group;
  }

  /** Stores `change` applied to the instance group `name`. */
  async changeInstanceGroup(name: string, change: (ig: InstanceGroup) => InstanceGroup): Promise<void> {
    await (await this.registry()).putInstanceGroup(this.clusterName, change(await this.instanceGroup(name)));
  }

  async target(options: PlanOptions = {}): Promise<ClusterTarget> {
    return {
      store: await this.store(),
      clusterName: this.clusterName,
      providers: this.#providers,
      env: this.#env,
      persistSecrets: options.persistSecrets ?? false,
    };
  }

  /** Plans an update and hands it to `use`, closing its connection afterwards whatever happens. */
  async withPlan<T>(options: PlanOptions, use: (update: ClusterUpdate) => Promise<T>): Promise<T> {
    const update = await planClusterUpdate({...(await this.target(options)), discovery: {retry: this.#options.retry}});
    try {
      return await use(update);
    } finally {
      await update.connection.close();
    }
  }

  /** Carries out a planned update; `retry` overrides the suite's retry settings. */
  apply(update: ClusterUpdate, retry: Partial<RetryOptions> = this.#options.retry): Promise<ApplyResult> {
    return applyClusterUpdate(update, {retry});
  }

  /** Plans and applies the stored spec, as `kopsx update cluster --yes` does. */
  converge(retry?: Partial<RetryOptions>): Promise<ApplyResult> {
    return this.withPlan({persistSecrets: true}, (update) => this.apply(update, retry));
  }

  /** The plan a preview of the stored spec shows now (its connection already closed). */
  preview(): Promise<ClusterUpdate> {
    return this.withPlan({}, async (update) => update);
  }

  /** Deletes everything the cluster owns in the cloud, then its state, as `kopsx delete cluster --yes` does. */
  async deleteAll(): Promise<ApplyResult> {
    const deletion = await planClusterDeletion({...(await this.target()), discovery: {retry: this.#options.retry}});
    try {
      return await deleteCluster(deletion, {retry: this.#options.retry});
    } finally {
      await deletion.connection.close();
    }
  }

  /** A connection to the cloud for `use`, closed afterwards. */
  async withConnection<T>(use: (connection: CloudConnection) => Promise<T>): Promise<T> {
    const connection = await this.provider.connect({env: this.#env, cluster: this.#options.bundle});
    try {
      return await use(connection);
    } finally {
      await connection.close();
    }
  }
}

/** The suite tests a provider whatever its support level, so an alpha one gets its `AlphaAllow<Cloud>` flag. */
function withAlphaAllowed(env: NodeJS.ProcessEnv, cloud: string): NodeJS.ProcessEnv {
  const flag = `AlphaAllow${cloud.charAt(0).toUpperCase()}${cloud.slice(1)}`;
  const flags = [env.KOPS_FEATURE_FLAGS, flag].filter((entry) => entry !== undefined && entry !== '');
  return {...env, KOPS_FEATURE_FLAGS: flags.join(',')};
}
