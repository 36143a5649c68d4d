/* global AbortController -- a Node global the shared ESLint config does not list */
/**
 * A cluster spec stored in an in-memory state store, and a fresh simulator for it to be built in: what every
 * benchmark starts from. Each measurement run gets its own, so no run sees another's resources or pace.
 */
import {randomUUID} from 'node:crypto';
import {setMaxListeners} from 'node:events';
import {startCloudSim} from '@kopsx/cloudsim';
import {
  ClusterRegistry,
  INSTANCE_GROUP_LABEL,
  ProviderRegistry,
  applyClusterUpdate,
  buildCluster,
  openStateStore,
  planClusterUpdate,
} from '@kopsx/core';

const CLUSTER_NAME = 'bench.k8s.local';

/**
 * @typedef {object} BenchClusterOptions
 * @property {number} [instanceGroups] total instance groups; node groups are added round-robin over the
 *   zones until there are this many (default: what `create cluster` makes, 3 control planes + 3 node groups)
 * @property {number} [latencyMs] simulated latency of every call (default 0)
 * @property {number} [settleMs] how long new NAT gateways, load balancers ... stay pending (default 0)
 */

export class BenchCluster {
  /** @type {import('@kopsx/cloudsim').CloudSim} */ sim;
  /** @type {import('@kopsx/core').PlanClusterUpdateOptions} */ target;
  /** One signal for every call: concurrent SDK calls each listen on it, as in the CLI. */
  #signal;

  constructor(sim, target) {
    this.sim = sim;
    this.target = target;
    const {signal} = new AbortController();
    setMaxListeners(0, signal);
    this.#signal = signal;
  }

  /**
   * A 3-zone, 3-control-plane, private-topology cluster of `cloud`, stored and ready to plan.
   * @param {import('./clouds.mjs').BenchCloud} cloud
   * @param {BenchClusterOptions} [options]
   */
  static async start(cloud, options = {}) {
    const sim = await startCloudSim({config: {latencyMs: options.latencyMs ?? 0}});
    cloud.setSettleTime(sim, options.settleMs ?? 0);
    const store = await openStateStore(`memfs://kopsx-bench-${randomUUID()}`);
    await new ClusterRegistry(store).create(clusterSpec(cloud, options.instanceGroups));
    const providers = new ProviderRegistry();
    providers.register(await cloud.loadProvider(), {packageName: cloud.packageName, version: 'bench'});
    // Secrets are written on the first plan, as an apply does, so that every later plan renders the same
    // user-data and a converged cluster plans no change.
    return new BenchCluster(sim, {store, clusterName: CLUSTER_NAME, providers, env: sim.env, persistSecrets: true});
  }

  /** The requests the simulator has answered so far. */
  get requestCount() {
    return this.sim.requests().length;
  }

  /** `update cluster` without `--yes`. The caller closes `update.connection`. */
  plan() {
    return planClusterUpdate({...this.target, signal: this.#signal});
  }

  /**
   * @param {import('@kopsx/core').ClusterUpdate} update
   * @param {import('@kopsx/core').ApplyClusterUpdateOptions} [options]
   */
  apply(update, options = {}) {
    return applyClusterUpdate(update, {signal: this.#signal, ...options});
  }

  close() {
    return this.sim.close();
  }
}

/** What `kopsx create cluster --zones A,B,C --control-plane-count 3 --topology private` stores, grown to size. */
function clusterSpec(cloud, instanceGroups) {
  const bundle = buildCluster({
    name: CLUSTER_NAME,
    cloud: cloud.cloud,
    zones: [...cloud.zones],
    controlPlaneCount: 3,
    topology: 'private',
    // One IPv4 range for API and SSH access, as a production cluster would admit.
    adminAccess: ['0.0.0.0/0'],
  });
  const template = bundle.instanceGroups.find((group) => group.spec.role === 'Node');
  if (!template) throw new Error('create cluster made no node group to copy');
  const extra = Math.max(0, (instanceGroups ?? 0) - bundle.instanceGroups.length);
  for (let i = 0; i < extra; i++) {
    const name = `nodes-${String(i + 1).padStart(3, '0')}`;
    const zone = cloud.zones[i % cloud.zones.length];
    bundle.instanceGroups.push({
      ...template,
      metadata: {...template.metadata, name},
      spec: {...template.spec, subnets: [zone], nodeLabels: {...template.spec.nodeLabels, [INSTANCE_GROUP_LABEL]: name}},
    });
  }
  return bundle;
}
