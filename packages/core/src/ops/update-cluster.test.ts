import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {summarizePlan} from '../engine/index.js';
import {buildCluster, completeCluster, toYaml} from '../model/index.js';
import {MissingProviderError, ProviderRegistry} from '../provider/index.js';
import {ClusterRegistry, openStateStore} from '../state/index.js';
import type {StateStore} from '../state/index.js';
import {FakeProvider} from './testing/fake-provider.js';
import {applyClusterUpdate, planClusterUpdate} from './update-cluster.js';
import type {ClusterUpdate} from './update-cluster.js';

const NAME = 'ops.k8s.local';
const fastRetry = {baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 2_000};

async function setup(zones = ['fake-1a', 'fake-1b']) {
  const store = await openStateStore(`memfs://ops-${randomUUID()}`);
  const bundle = buildCluster({name: NAME, cloud: 'fake', zones});
  await new ClusterRegistry(store).create(bundle);
  const provider = new FakeProvider();
  const providers = new ProviderRegistry();
  providers.register(provider, {packageName: '@kopsx/plugin-fake', version: '1.0.0'});
  return {store, provider, providers, bundle, target: {store, clusterName: NAME, providers, env: {}}};
}

async function planned<T>(update: Promise<ClusterUpdate>, use: (update: ClusterUpdate) => Promise<T>): Promise<T> {
  const resolved = await update;
  try {
    return await use(resolved);
  } finally {
    await resolved.connection.close();
  }
}

async function storeKeys(store: StateStore): Promise<Record<string, string>> {
  const keys = await store.list('');
  return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, (await store.read(k))?.toString()])));
}

describe('planClusterUpdate', () => {
  it('plans the stored spec, completed, against what the cloud holds, and changes nothing', async () => {
    const {store, provider, target} = await setup();
    const before = await storeKeys(store);
    const plan = await planned(planClusterUpdate(target), async (update) => update.plan);
    expect(summarizePlan(plan)).toEqual({create: 4, modify: 0, replace: 0, delete: 0});
    const group = plan.changes.find((c) => c.key === 'group/nodes-fake-1a');
    // kubernetesVersion comes from completion, machineType from the provider's default.
    expect(group?.desired?.properties).toMatchObject({size: 1, machineType: 'fake.small', kubernetesVersion: expect.any(String)});
    expect(provider.cloudSim.resources()).toEqual([]);
    expect(await storeKeys(store)).toEqual(before);
  });

  it('applies, writes the completed spec, and then has nothing left to do', async () => {
    const {store, provider, target, bundle} = await setup();
    await store.delete(`${NAME}/cluster-completed.spec`);
    await planned(planClusterUpdate(target), (update) => applyClusterUpdate(update, {retry: fastRetry}));
    expect(provider.cloudSim.resources().map((r) => `${r.kind}/${r.name}`).sort()).toEqual([
      'group/control-plane-fake-1a',
      'group/nodes-fake-1a',
      'group/nodes-fake-1b',
      `network/${NAME}`,
    ]);
    expect((await store.read(`${NAME}/cluster-completed.spec`))?.toString()).toBe(toYaml([completeCluster(bundle).cluster]));
    const again = await planned(planClusterUpdate(target), async (update) => update.plan);
    expect(again.changes).toEqual([]);
  });

  it('plans exactly the change made to an instance group', async () => {
    const {store, target, bundle} = await setup();
    await planned(planClusterUpdate(target), (update) => applyClusterUpdate(update, {retry: fastRetry}));
    const nodes = bundle.instanceGroups.find((ig) => ig.metadata.name === 'nodes-fake-1b');
    if (!nodes) throw new Error('buildCluster made no nodes-fake-1b');
    await new ClusterRegistry(store).putInstanceGroup(NAME, {...nodes, spec: {...nodes.spec, minSize: 3, maxSize: 3}});
    const plan = await planned(planClusterUpdate(target), async (update) => update.plan);
    expect(plan.changes.map((c) => [c.action, c.key, c.fieldChanges.map((f) => `${f.field}: ${f.before} -> ${f.after}`)])).toEqual([
      ['update', 'group/nodes-fake-1b', ['size: 1 -> 3']],
    ]);
  });

  it('fails before touching the cloud when the provider is missing or the spec is invalid', async () => {
    const {store, provider, target} = await setup(['fake-1a', 'mars-1a']);
    const before = await storeKeys(store);
    await expect(planClusterUpdate(target)).rejects.toThrow(ValidationError);
    await expect(planClusterUpdate(target)).rejects.toThrow('"mars-1a" is not a zone of the fake cloud');
    await expect(planClusterUpdate({...target, providers: new ProviderRegistry()})).rejects.toThrow(
      new MissingProviderError('fake').message,
    );
    expect(provider.connects).toBe(0);
    expect(await storeKeys(store)).toEqual(before);
  });
});
