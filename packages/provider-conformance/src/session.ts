/**
 * One conformance run: the reference cluster, what earlier checks found out for later ones, and the
 * results. Checks run in the order CONFORMANCE_CHECKS lists them, each at most once.
 */
import {errorMessage} from './error-message.js';
import type {CheckResult, ConformanceCheck} from './check-result.js';
import {ClusterDriver} from './cluster-driver.js';
import {SIMULATOR_RETRY} from './options.js';
import type {CloudResourceRef, ConformanceHooks, ConformanceOptions} from './options.js';
import {referenceCluster} from './reference-cluster.js';
import {sameResource} from './resource-counts.js';

export class ConformanceSession {
  readonly options: ConformanceOptions;
  readonly hooks: ConformanceHooks;
  readonly cluster: ClusterDriver;
  /** The foreign resources seeded before the first preview; never counted as the cluster's. */
  seeded: readonly CloudResourceRef[] = [];
  /** How many resources a preview from empty creates: sizes the default fault points. */
  createCount: number | undefined;
  /** What the cloud held for the cluster right after the first apply: the shape every rerun must reach. */
  cleanApply: readonly CloudResourceRef[] | undefined;
  readonly #results: CheckResult[] = [];
  #seeding: Promise<void> | undefined;

  constructor(options: ConformanceOptions) {
    this.options = options;
    this.hooks = options.hooks;
    const bundle = referenceCluster({
      cloud: options.provider.cloud,
      zones: options.zones,
      defaults: options.provider.defaults,
      ...(options.cluster ? {cluster: options.cluster} : {}),
    });
    this.cluster = new ClusterDriver({provider: options.provider, env: options.env, bundle, retry: options.retry ?? SIMULATOR_RETRY});
  }

  get clusterName(): string {
    return this.cluster.clusterName;
  }

  /** Runs `check` (or skips it when a check it needs did not pass) and records the result. */
  async run(check: ConformanceCheck): Promise<CheckResult> {
    const started = Date.now();
    const unmet = (check.needs ?? []).filter((id) => this.result(id)?.status !== 'pass');
    let result: CheckResult;
    if (unmet.length > 0) {
      const titles = unmet.map((id) => `"${this.result(id)?.title ?? id}"`).join(', ');
      result = {id: check.id, title: check.title, status: 'skip', detail: `needs ${titles} to pass`, durationMs: 0};
    } else {
      try {
        await this.cluster.storeCluster();
        const outcome = await check.run(this);
        result = {id: check.id, title: check.title, ...outcome, durationMs: Date.now() - started};
      } catch (error) {
        result = {id: check.id, title: check.title, status: 'fail', detail: errorMessage(error), durationMs: Date.now() - started, error};
      }
    }
    this.#results.push(result);
    return result;
  }

  result(id: string): CheckResult | undefined {
    return this.#results.find((r) => r.id === id);
  }

  results(): readonly CheckResult[] {
    return [...this.#results];
  }

  /** Seeds the foreign resources (when there is a hook for it) the first time a check asks. */
  seedOnce(): Promise<void> {
    this.#seeding ??= (async () => {
      this.seeded = (await this.hooks.seedForeignResources?.(this.clusterName)) ?? [];
    })();
    return this.#seeding;
  }

  get seedingRan(): boolean {
    return this.#seeding !== undefined;
  }

  /** What the cloud holds for the cluster by the hook, without the seeded foreign resources. */
  async owned(): Promise<CloudResourceRef[]> {
    const found = await this.hooks.ownedResources(this.clusterName);
    return found.filter((resource) => !this.seeded.some((seed) => sameResource(seed, resource)));
  }

  /**
   * After a run in which some check failed, deletes whatever the cluster still owns, so that a failing run
   * against a real account leaves nothing behind. Best effort: returns what went wrong, if anything.
   */
  async cleanUp(): Promise<string | undefined> {
    try {
      if ((await this.owned()).length === 0) return undefined;
      await this.cluster.storeCluster();
      await this.cluster.deleteAll();
      return undefined;
    } catch (error) {
      return `cleaning up the cluster failed: ${errorMessage(error)}`;
    }
  }
}
