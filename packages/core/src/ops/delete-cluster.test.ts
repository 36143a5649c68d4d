import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {ApplyError} from '../engine/index.js';
import {buildCluster} from '../model/index.js';
import {ProviderRegistry} from '../provider/index.js';
import {ClusterRegistry, openStateStore} from '../state/index.js';
import {deleteCluster, planClusterDeletion} from './delete-cluster.js';
import type {ClusterDeletion, DeleteClusterOptions} from './delete-cluster.js';
import {FakeProvider} from './testing/fake-provider.js';
import {applyClusterUpdate, planClusterUpdate} from './update-cluster.js';

const NAME = 'gone.k8s.local';
const fastRetry = {baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 2_000};

/** A stored cluster whose resources exist in the fake cloud, next to a shared network it must never touch. */
async function appliedCluster() {
  const store = await openStateStore(`memfs://ops-${randomUUID()}`);
  const clusters = new ClusterRegistry(store);
  await clusters.create(buildCluster({name: NAME, cloud: 'fake', zones: ['fake-1a']}));
  const provider = new FakeProvider();
  const providers = new ProviderRegistry();
  providers.register(provider, {packageName: '@kopsx/plugin-fake', version: '1.0.0'});
  const target = {store, clusterName: NAME, providers, env: {}};
  const update = await planClusterUpdate(target);
  await applyClusterUpdate(update, {retry: fastRetry}).finally(() => update.connection.close());
  provider.cloudSim.seed({kind: 'network', name: 'existing', lifecycle: 'shared'});
  return {clusters, provider, target};
}

async function run(deletion: ClusterDeletion, options: DeleteClusterOptions = {}): Promise<unknown> {
  try {
    await deleteCluster(deletion, {retry: fastRetry, ...options});
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await deletion.connection.close();
  }
}

describe('deleting a cluster', () => {
  it('previews every owned resource, deletes them, and only then the state', async () => {
    const {clusters, provider, target} = await appliedCluster();
    const deletion = await planClusterDeletion(target);
    expect(deletion.plan.changes.map((c) => `${c.action} ${c.key}`).sort()).toEqual([
      'delete group/control-plane-fake-1a',
      'delete group/nodes-fake-1a',
      `delete network/${NAME}`,
    ]);
    expect(await clusters.get(NAME)).toBeDefined();
    expect(await run(deletion)).toBeUndefined();
    expect(provider.cloudSim.resources().map((r) => r.name)).toEqual(['existing']);
    expect(await clusters.get(NAME)).toBeUndefined();
  });

  it('keeps the state when a cloud deletion fails', async () => {
    const {clusters, provider, target} = await appliedCluster();
    provider.cloudSim.failCalls({op: 'delete', kind: 'network', errorClass: 'fatal'});
    const error = await run(await planClusterDeletion(target));
    expect(error).toBeInstanceOf(ApplyError);
    expect(provider.cloudSim.resources('network').map((r) => r.name).sort()).toEqual(['existing', NAME]);
    expect(await clusters.get(NAME)).toBeDefined();
  });

  it('gives up after the timeout while the cloud keeps a resource in use, keeping the state', async () => {
    const {clusters, provider, target} = await appliedCluster();
    provider.cloudSim.failCalls({op: 'delete', kind: 'network', errorClass: 'dependency', times: 1_000_000});
    const started = performance.now();
    const error = await run(await planClusterDeletion(target), {timeoutMs: 1_000});
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(String(error)).toContain(`deleting cluster "${NAME}" did not finish within 1s`);
    expect(await clusters.get(NAME)).toBeDefined();
  });

  it('still deletes when the stored spec no longer builds a model', async () => {
    const {clusters, provider, target} = await appliedCluster();
    provider.modelError = new Error('unsupported field');
    const logs: string[] = [];
    expect(await run(await planClusterDeletion({...target, onLog: (m) => logs.push(m)}))).toBeUndefined();
    expect(logs).toEqual(["deleting without the model's ordering hints: unsupported field"]);
    expect(provider.cloudSim.resources().map((r) => r.name)).toEqual(['existing']);
    expect(await clusters.get(NAME)).toBeUndefined();
  });
});
