import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {AlreadyExistsError, KopsxError, NotFoundError, StateStoreError, ValidationError} from '../errors.js';
import {
  API_VERSION,
  DEFAULT_KUBERNETES_VERSION,
  parseManifests,
  type Cluster,
  type ClusterBundle,
  type InstanceGroup,
} from '../model/index.js';
import {ClusterRegistry} from './cluster-registry.js';
import {openStateStore} from './open-state-store.js';
import type {StateStore} from './state-store.js';

const ZONE = 'eu-west-3a';

function instanceGroup(name: string): InstanceGroup {
  return {
    apiVersion: API_VERSION,
    kind: 'InstanceGroup',
    metadata: {name},
    spec: {role: name.startsWith('control-plane') ? 'ControlPlane' : 'Node', minSize: 1, maxSize: 2, subnets: [ZONE]},
  };
}

function clusterBundle(name: string): ClusterBundle {
  const cluster: Cluster = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: {name},
    spec: {
      cloudProvider: {aws: {}},
      networkCIDR: '10.10.0.0/16',
      subnets: [{name: ZONE, zone: ZONE, type: 'Public'}],
      topology: {controlPlane: 'public', nodes: 'public', dns: {type: 'None'}},
      etcdClusters: ['main', 'events'].map((etcd) => ({
        name: etcd,
        etcdMembers: [{name: 'a', instanceGroup: 'control-plane-a'}],
      })),
    },
  };
  return {cluster, instanceGroups: [instanceGroup('control-plane-a'), instanceGroup('nodes-a')]};
}

function withVersion(cluster: Cluster, kubernetesVersion: string): Cluster {
  return {...cluster, spec: {...cluster.spec, kubernetesVersion}};
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

const backends: Record<string, () => Promise<StateStore>> = {
  'memfs://': () => openStateStore(`memfs://registry-${randomUUID()}`),
  'file://': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kopsx-registry-'));
    dirs.push(dir);
    return openStateStore(dir);
  },
};

describe.each(Object.entries(backends))('ClusterRegistry on %s', (_, open) => {
  const NAME = 'alpha.k8s.local';
  let store: StateStore;
  let registry: ClusterRegistry;

  beforeEach(async () => {
    store = await open();
    registry = new ClusterRegistry(store);
  });

  async function completedSpec(name = NAME): Promise<Cluster | undefined> {
    const data = await store.read(`${name}/cluster-completed.spec`);
    return data && parseManifests(data.toString()).clusters[0];
  }

  it('creates a cluster in kOps’ layout and reads it back', async () => {
    await registry.create(clusterBundle(NAME));
    expect(await store.list('')).toEqual([
      `${NAME}/cluster-completed.spec`,
      `${NAME}/config`,
      `${NAME}/instancegroup/control-plane-a`,
      `${NAME}/instancegroup/nodes-a`,
    ]);
    const bundle = await registry.require(NAME);
    expect(bundle.cluster).toEqual(clusterBundle(NAME).cluster);
    expect(bundle.instanceGroups.map((ig) => ig.metadata.name)).toEqual(['control-plane-a', 'nodes-a']);
    // kOps stores each instance group labelled with its cluster
    expect(bundle.instanceGroups[1]?.metadata.labels).toEqual({'kops.k8s.io/cluster': NAME});
    expect(await registry.listClusters()).toEqual([NAME]);
  });

  it('writes the completed spec with defaults filled in', async () => {
    await registry.create(clusterBundle(NAME));
    const completed = await completedSpec();
    expect(completed?.metadata.name).toBe(NAME);
    expect(completed?.spec.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    expect(completed?.spec.subnets[0]?.cidr).toMatch(/^10\.10\./);
    // the user's config keeps only what the user wrote
    expect((await registry.require(NAME)).cluster.spec.kubernetesVersion).toBeUndefined();
  });

  it('refuses to create a cluster that exists, even when two creates race', async () => {
    const results = await Promise.allSettled([registry.create(clusterBundle(NAME)), registry.create(clusterBundle(NAME))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(AlreadyExistsError);
    await expect(registry.create(clusterBundle(NAME))).rejects.toThrow(
      `cluster "${NAME}" already exists in ${store.url}`,
    );
  });

  it('reports a missing cluster as undefined from get and NotFoundError from everything else', async () => {
    expect(await registry.get('missing.k8s.local')).toBeUndefined();
    await expect(registry.require('missing.k8s.local')).rejects.toSatisfy(
      (err) =>
        err instanceof NotFoundError &&
        err.message === `cluster "missing.k8s.local" not found in ${store.url}` &&
        (err.hint ?? '').includes('kopsx get clusters'),
    );
    const missing = clusterBundle('missing.k8s.local');
    await expect(registry.replace(missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(registry.putCluster(missing.cluster)).rejects.toBeInstanceOf(NotFoundError);
    await expect(registry.putInstanceGroup('missing.k8s.local', instanceGroup('nodes-b'))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(registry.deleteInstanceGroup('missing.k8s.local', 'nodes-a')).rejects.toBeInstanceOf(NotFoundError);
    await expect(registry.delete('missing.k8s.local')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.list('')).toEqual([]);
  });

  it('replaces the cluster and the given instance groups, keeping the others', async () => {
    await registry.create(clusterBundle(NAME));
    const changed = clusterBundle(NAME);
    const nodes = instanceGroup('nodes-a');
    await registry.replace({
      cluster: withVersion(changed.cluster, 'v1.34.1'),
      instanceGroups: [{...nodes, spec: {...nodes.spec, maxSize: 9}}, instanceGroup('nodes-b')],
    });
    const bundle = await registry.require(NAME);
    expect(bundle.cluster.spec.kubernetesVersion).toBe('v1.34.1');
    expect(bundle.instanceGroups.map((ig) => [ig.metadata.name, ig.spec.maxSize])).toEqual([
      ['control-plane-a', 2],
      ['nodes-a', 9],
      ['nodes-b', 2],
    ]);
    expect((await completedSpec())?.spec.kubernetesVersion).toBe('v1.34.1');
  });

  it('replace can create a missing cluster when asked', async () => {
    await registry.replace(clusterBundle(NAME), {createIfMissing: true});
    expect((await registry.require(NAME)).instanceGroups).toHaveLength(2);
    expect(await completedSpec()).toBeDefined();
  });

  it('puts the cluster alone and rewrites the completed spec', async () => {
    await registry.create(clusterBundle(NAME));
    await registry.putCluster(withVersion(clusterBundle(NAME).cluster, 'v1.33.5'));
    expect((await registry.require(NAME)).cluster.spec.kubernetesVersion).toBe('v1.33.5');
    expect((await completedSpec())?.spec.kubernetesVersion).toBe('v1.33.5');
  });

  it('adds and deletes instance groups', async () => {
    await registry.create(clusterBundle(NAME));
    await registry.putInstanceGroup(NAME, instanceGroup('nodes-b'));
    expect((await registry.require(NAME)).instanceGroups.map((ig) => ig.metadata.name)).toEqual([
      'control-plane-a',
      'nodes-a',
      'nodes-b',
    ]);
    await registry.deleteInstanceGroup(NAME, 'nodes-a');
    expect(await store.list(`${NAME}/instancegroup/`)).toEqual([
      `${NAME}/instancegroup/control-plane-a`,
      `${NAME}/instancegroup/nodes-b`,
    ]);
    await expect(registry.deleteInstanceGroup(NAME, 'nodes-a')).rejects.toSatisfy(
      (err) => err instanceof NotFoundError && err.message.startsWith(`instance group "nodes-a" not found in cluster "${NAME}"`),
    );
  });

  it('refuses an instance group labelled for another cluster', async () => {
    await registry.create(clusterBundle(NAME));
    const foreign = instanceGroup('nodes-b');
    foreign.metadata.labels = {'kops.k8s.io/cluster': 'other.k8s.local'};
    await expect(registry.putInstanceGroup(NAME, foreign)).rejects.toBeInstanceOf(ValidationError);
    expect(await store.read(`${NAME}/instancegroup/nodes-b`)).toBeUndefined();
  });

  it('deletes everything under the cluster, lock included, and nothing of other clusters', async () => {
    await registry.create(clusterBundle(NAME));
    await registry.create(clusterBundle('beta.k8s.local'));
    await store.write(`${NAME}/pki/private/ca/keyset.yaml`, 'key', {secret: true});
    await store.write(`${NAME}/secrets/admin`, 'token', {secret: true});
    await store.write(`${NAME}/.lock`, '{}');
    await registry.delete(NAME);
    expect(await store.list(`${NAME}/`)).toEqual([]);
    expect(await registry.listClusters()).toEqual(['beta.k8s.local']);
    expect(await registry.get('beta.k8s.local')).toBeDefined();
  });

  it('finishes an interrupted delete', async () => {
    await registry.create(clusterBundle(NAME));
    await store.delete(`${NAME}/config`); // as if a delete stopped after removing the config
    expect(await registry.listClusters()).toEqual([]);
    await registry.delete(NAME);
    expect(await store.list('')).toEqual([]);
  });

  it('reads a store written by kOps, normalising old field names', async () => {
    await store.write(
      'kops.example.com/config',
      [
        `apiVersion: ${API_VERSION}`,
        'kind: Cluster',
        'metadata:',
        '  name: kops.example.com',
        'spec:',
        '  cloudProvider: aws',
        '  dnsZone: example.com',
        '  networkCIDR: 172.20.0.0/16',
        '  subnets:',
        '  - {name: us-east-2a, zone: us-east-2a, type: Public, cidr: 172.20.32.0/19}',
        '  topology: {masters: public, nodes: public}',
        '  etcdClusters:',
        '  - {name: main, etcdMembers: [{name: a, instanceGroup: master-us-east-2a}]}',
        '  - {name: events, etcdMembers: [{name: a, instanceGroup: master-us-east-2a}]}',
        '',
      ].join('\n'),
    );
    await store.write(
      'kops.example.com/instancegroup/master-us-east-2a',
      [
        `apiVersion: ${API_VERSION}`,
        'kind: InstanceGroup',
        'metadata:',
        '  name: master-us-east-2a',
        '  labels: {kops.k8s.io/cluster: kops.example.com}',
        'spec: {role: Master, minSize: 1, maxSize: 1, subnets: [us-east-2a], machineType: t3.medium}',
        '',
      ].join('\n'),
    );
    const bundle = await registry.require('kops.example.com');
    expect(bundle.cluster.spec.cloudProvider).toEqual({aws: {}});
    expect(bundle.instanceGroups[0]?.spec.role).toBe('ControlPlane');
  });

  it('refuses a config that names another cluster', async () => {
    await registry.create(clusterBundle(NAME));
    await store.write('moved.k8s.local/config', (await store.read(`${NAME}/config`)) ?? '');
    await expect(registry.get('moved.k8s.local')).rejects.toSatisfy(
      (err) => err instanceof StateStoreError && err.message.includes(`holds Cluster "${NAME}", expected "moved.k8s.local"`),
    );
  });

  it('refuses names that are not a single key segment', async () => {
    for (const name of ['../escape', 'a/b', '']) {
      await expect(registry.get(name)).rejects.toSatisfy((err) => err instanceof KopsxError && err.code === 'InvalidName');
    }
  });
});
