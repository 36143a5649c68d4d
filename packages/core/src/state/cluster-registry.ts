/**
 * Clusters in a state store, laid out as kOps lays them out, so that kOps and kopsx can read each other's
 * stores:
 *
 *   <name>/config                   the Cluster, as the user wrote it (YAML)
 *   <name>/instancegroup/<ig>       one InstanceGroup each (YAML)
 *   <name>/cluster-completed.spec   the Cluster with every default filled in, rewritten on every change
 *   <name>/pki/..., <name>/secrets/...   keys and secrets (written by other modules)
 *   <name>/.lock                    see cluster-lock.ts
 *
 * The registry does not lock: callers wrap changes in `withClusterLock`.
 */
import {AlreadyExistsError, NotFoundError, StateStoreError, ValidationError} from '../errors.js';
import {
  completeCluster,
  parseManifests,
  toYaml,
  type Cluster,
  type ClusterBundle,
  type InstanceGroup,
} from '../model/index.js';
import {assertKeySegment} from './state-key.js';
import type {StateStore} from './state-store.js';

/** kOps labels each instance group with its cluster; `groupBundles` reads the same label. */
const CLUSTER_LABEL = 'kops.k8s.io/cluster';
/** Deletes in flight at once when removing a cluster: enough to be quick on S3, few enough not to throttle. */
const DELETE_CONCURRENCY = 8;

const configKey = (name: string) => `${name}/config`;
const instanceGroupKey = (cluster: string, ig: string) => `${cluster}/instancegroup/${ig}`;
const completedSpecKey = (name: string) => `${name}/cluster-completed.spec`;
const lockKey = (name: string) => `${name}/.lock`;

export interface ReplaceOptions {
  /** Create the cluster when it does not exist yet, instead of failing with NotFoundError. */
  readonly createIfMissing?: boolean;
}

export class ClusterRegistry {
  constructor(private readonly store: StateStore) {}

  /** Names of the clusters in the store: the top-level folders holding a `config`. */
  async listClusters(): Promise<string[]> {
    const keys = await this.store.list('');
    return keys.flatMap((key) => /^([^/]+)\/config$/.exec(key)?.[1] ?? []);
  }

  async get(name: string): Promise<ClusterBundle | undefined> {
    assertKeySegment(name, 'cluster name');
    const config = await this.store.read(configKey(name));
    if (!config) return undefined;
    const cluster = this.parseOne(config, configKey(name), 'Cluster', name);
    const igKeys = await this.store.list(`${name}/instancegroup/`);
    const instanceGroups = await Promise.all(
      igKeys.map(async (key) => {
        const data = await this.store.read(key);
        // Deleted since we listed it: it is no longer part of the cluster.
        return data ? [this.parseOne(data, key, 'InstanceGroup', key.slice(key.lastIndexOf('/') + 1))] : [];
      }),
    );
    return {cluster, instanceGroups: instanceGroups.flat()};
  }

  async require(name: string): Promise<ClusterBundle> {
    const bundle = await this.get(name);
    if (!bundle) throw this.clusterNotFound(name);
    return bundle;
  }

  /** Stores a new cluster; fails with AlreadyExistsError when one of that name exists (even if created concurrently). */
  async create(bundle: ClusterBundle): Promise<void> {
    const name = bundle.cluster.metadata.name;
    assertKeySegment(name, 'cluster name');
    const instanceGroups = bundle.instanceGroups.map((ig) => labelled(name, ig));
    if (!(await this.store.createIfAbsent(configKey(name), toYaml([bundle.cluster])))) {
      throw new AlreadyExistsError(
        `cluster "${name}" already exists in ${this.store.url}`,
        `change it with "kopsx replace -f", or delete it first with "kopsx delete cluster ${name} --yes"`,
      );
    }
    await Promise.all(instanceGroups.map((ig) => this.writeInstanceGroup(name, ig)));
    await this.writeCompletedSpec({cluster: bundle.cluster, instanceGroups});
  }

  /** Overwrites the cluster and the given instance groups; instance groups not in `bundle` are kept. */
  async replace(bundle: ClusterBundle, options: ReplaceOptions = {}): Promise<void> {
    const name = bundle.cluster.metadata.name;
    assertKeySegment(name, 'cluster name');
    const instanceGroups = bundle.instanceGroups.map((ig) => labelled(name, ig));
    if (!options.createIfMissing) await this.requireConfig(name);
    await this.store.write(configKey(name), toYaml([bundle.cluster]));
    await Promise.all(instanceGroups.map((ig) => this.writeInstanceGroup(name, ig)));
    await this.writeCompletedSpec(await this.require(name));
  }

  async putCluster(cluster: Cluster): Promise<void> {
    const name = cluster.metadata.name;
    assertKeySegment(name, 'cluster name');
    await this.requireConfig(name);
    await this.store.write(configKey(name), toYaml([cluster]));
    await this.writeCompletedSpec(await this.require(name));
  }

  async putInstanceGroup(clusterName: string, ig: InstanceGroup): Promise<void> {
    assertKeySegment(clusterName, 'cluster name');
    const stored = labelled(clusterName, ig);
    await this.requireConfig(clusterName);
    await this.writeInstanceGroup(clusterName, stored);
    await this.writeCompletedSpec(await this.require(clusterName));
  }

  async deleteInstanceGroup(clusterName: string, igName: string): Promise<void> {
    assertKeySegment(clusterName, 'cluster name');
    assertKeySegment(igName, 'instance group name');
    await this.requireConfig(clusterName);
    const key = instanceGroupKey(clusterName, igName);
    if (!(await this.store.read(key))) {
      throw new NotFoundError(
        `instance group "${igName}" not found in cluster "${clusterName}" (${this.store.url})`,
        `list them with "kopsx get instancegroups --name ${clusterName}"`,
      );
    }
    await this.store.delete(key);
    await this.writeCompletedSpec(await this.require(clusterName));
  }

  /**
   * Removes everything under `<name>/`. The config goes first, so an interrupted delete leaves no cluster
   * that looks whole (rerunning finishes the job); the lock goes last, so no other command starts meanwhile.
   */
  async delete(name: string): Promise<void> {
    assertKeySegment(name, 'cluster name');
    const keys = await this.store.list(`${name}/`);
    if (keys.length === 0) throw this.clusterNotFound(name);
    const first = keys.filter((key) => key === configKey(name));
    const rest = keys.filter((key) => key !== configKey(name) && key !== lockKey(name));
    await this.deleteAll(first);
    await this.deleteAll(rest);
    await this.store.delete(lockKey(name));
  }

  private async deleteAll(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
      await Promise.all(keys.slice(i, i + DELETE_CONCURRENCY).map((key) => this.store.delete(key)));
    }
  }

  private async writeInstanceGroup(cluster: string, ig: InstanceGroup): Promise<void> {
    await this.store.write(instanceGroupKey(cluster, ig.metadata.name), toYaml([ig]));
  }

  private async writeCompletedSpec(bundle: ClusterBundle): Promise<void> {
    const name = bundle.cluster.metadata.name;
    await this.store.write(completedSpecKey(name), toYaml([completeCluster(bundle).cluster]));
  }

  private async requireConfig(name: string): Promise<void> {
    if (!(await this.store.read(configKey(name)))) throw this.clusterNotFound(name);
  }

  private clusterNotFound(name: string): NotFoundError {
    return new NotFoundError(
      `cluster "${name}" not found in ${this.store.url}`,
      'list the clusters with "kopsx get clusters", or check --state / KOPS_STATE_STORE',
    );
  }

  /** Parses a stored file that must hold exactly one document of `kind`, named as its key says. */
  private parseOne(data: Buffer, key: string, kind: 'Cluster', name: string): Cluster;
  private parseOne(data: Buffer, key: string, kind: 'InstanceGroup', name: string): InstanceGroup;
  private parseOne(data: Buffer, key: string, kind: Cluster['kind'] | InstanceGroup['kind'], name: string) {
    const source = `${this.store.url}/${key}`;
    const {clusters, instanceGroups} = parseManifests(data.toString('utf8'), source);
    const docs = kind === 'Cluster' ? clusters : instanceGroups;
    const doc = docs[0];
    if (!doc || clusters.length + instanceGroups.length !== 1) {
      throw new StateStoreError(
        `${source} should hold exactly one ${kind}`,
        'restore it from a backup, or rewrite the cluster with "kopsx replace -f"',
      );
    }
    if (doc.metadata.name !== name) {
      throw new StateStoreError(
        `${source} holds ${kind} "${doc.metadata.name}", expected "${name}"`,
        'the file was edited or moved by hand; fix metadata.name or move it back',
      );
    }
    return doc;
  }
}

/** A copy of `ig` carrying its cluster's label, as kOps stores it; a label naming another cluster is an error. */
function labelled(cluster: string, ig: InstanceGroup): InstanceGroup {
  assertKeySegment(ig.metadata.name, 'instance group name');
  const current = ig.metadata.labels?.[CLUSTER_LABEL];
  if (current !== undefined && current !== cluster) {
    throw new ValidationError(
      [
        {
          path: `metadata.labels["${CLUSTER_LABEL}"]`,
          message: `names cluster "${current}", but the instance group is being stored in cluster "${cluster}"`,
          hint: `set the label to "${cluster}" or remove it`,
        },
      ],
      `instance group "${ig.metadata.name}"`,
    );
  }
  return {...ig, metadata: {...ig.metadata, labels: {...ig.metadata.labels, [CLUSTER_LABEL]: cluster}}};
}
