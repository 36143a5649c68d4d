import {applyPlan, discover, planChanges} from '@kopsx/core';
import type {ClusterBundle, Inventory} from '@kopsx/core';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {clusterSlug} from '../src/names.js';
import {completedGceCluster} from './cluster-store.js';
import {testInputs} from './model-inputs.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

const FAST_RETRY = {baseDelayMs: 2, maxDelayMs: 20, deadlineMs: 20_000};

function bundle(name: string): ClusterBundle {
  return completedGceCluster({name, topology: 'private', dnsZone: 'example.com'});
}

function desired(cluster: ClusterBundle) {
  return provider.buildModel(cluster, testInputs()).resources;
}

/** Resource count per kind: what two runs that converged to the same cluster have in common. */
function countByKind(inventory: Inventory): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...inventory.resources, ...inventory.extras]) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return counts;
}

describe('the provider under failures and among other clusters', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startSimFixture();
  });
  beforeEach(async () => {
    fx.sim.reset();
    fx.gce.configure({operationDelayMs: 0, instanceStartMs: 50});
    await fx.dns.createZone('example-com', {dnsName: 'example.com.', description: 'resilience test'});
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function converge(cluster: ClusterBundle, options: {readonly tolerateFailure?: boolean} = {}): Promise<Inventory> {
    const name = cluster.cluster.metadata.name;
    const connection = await fx.connect(cluster);
    const inventory = await discover(connection, fx.context(name), {retry: FAST_RETRY});
    const plan = planChanges({desired: desired(cluster), inventory, handlers: connection.handlers});
    await applyPlan(plan, {connection, clusterName: name, retry: FAST_RETRY}).catch((error: unknown) => {
      if (!options.tolerateFailure) throw error;
    });
    return discover(connection, fx.context(name), {retry: FAST_RETRY});
  }

  it('lists nothing of other clusters, of unmarked resources, or of what others labelled for the cluster', async () => {
    await converge(bundle('other.example.com'));
    fx.gce.seed.network({name: 'by-hand'});
    fx.gce.seed.subnetwork({name: 'by-hand', network: 'by-hand', region: 'us-central1', ipCidrRange: '10.3.1.0/24'});
    fx.gce.seed.instance({name: 'by-hand', zone: 'us-central1-a', subnetwork: 'by-hand', labels: {'kopsx-k8s-io-cluster-name': clusterSlug('mine.example.com')}});
    fx.gce.seed.disk({name: 'by-hand-data', zone: 'us-central1-a', labels: {'kopsx-k8s-io-cluster-name': clusterSlug('mine.example.com')}});

    const mine = await discover(await fx.connect(bundle('mine.example.com')), fx.context('mine.example.com'), {retry: FAST_RETRY});
    expect(mine.resources).toEqual([]);
    // The other cluster still sees all of its own, and only those.
    const other = await discover(await fx.connect(bundle('other.example.com')), fx.context('other.example.com'), {retry: FAST_RETRY});
    expect(other.resources.length).toBe(desired(bundle('other.example.com')).filter((r) => r.lifecycle !== 'shared').length);
    expect(other.resources.every((r) => r.name.includes('other')));
  }, 60_000);

  it('converges when 30% of calls are throttled', async () => {
    fx.sim.configure({throttleRate: 0.3});
    const inventory = await converge(bundle('throttled.example.com'));
    fx.sim.configure({throttleRate: 0});
    const expected = desired(bundle('throttled.example.com')).filter((r) => r.lifecycle !== 'shared');
    expect(inventory.resources.length).toBe(expected.length);
    expect(fx.sim.requests().filter((r) => r.status === 429).length).toBeGreaterThan(5);
  }, 60_000);

  it('ends where a clean run ends after a failure at the first, a middle or the last mutating call', async () => {
    const cluster = bundle('crash.example.com');
    const clean = countByKind(await converge(cluster));
    const mutating = fx.sim.requests().filter((r) => /\.(insert|patch|update|delete|create|setLabels|resize|setInstanceTemplate)$/.test(r.action)).length;
    expect(mutating).toBeGreaterThan(25);
    for (const call of [1, Math.ceil(mutating / 2), mutating]) {
      fx.sim.reset();
      fx.gce.configure({operationDelayMs: 0, instanceStartMs: 50});
      await fx.dns.createZone('example-com', {dnsName: 'example.com.', description: 'resilience test'});
      fx.sim.configure({faultAtCall: call});
      await converge(cluster, {tolerateFailure: true});
      const rerun = await converge(cluster);
      expect(countByKind(rerun), `fault at mutating call ${call}`).toEqual(clean);
    }
  }, 120_000);
});
