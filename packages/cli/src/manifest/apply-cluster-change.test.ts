import {randomUUID} from 'node:crypto';
import {AlreadyExistsError, buildCluster, ClusterRegistry, NotFoundError, openStateStore, ValidationError} from '@kopsx/core';
import {beforeEach, describe, expect, it} from 'vitest';
import {applyClusterChange} from './apply-cluster-change.js';

const NAME = 'apply.k8s.local';
const bundle = buildCluster({name: NAME, cloud: 'aws', zones: ['us-east-1a', 'us-east-1b'], adminAccess: ['10.0.0.0/8']});
const node = bundle.instanceGroups.find((ig) => ig.spec.role === 'Node')!;

let registry: ClusterRegistry;
beforeEach(async () => {
  registry = new ClusterRegistry(await openStateStore(`memfs://${randomUUID()}`));
});

describe('applyClusterChange', () => {
  it('creates a cluster with its instance groups, then refuses to create it again', async () => {
    const change = {clusterName: NAME, ...bundle};
    const {lines} = await applyClusterChange(registry, change, {mode: 'create', createMissing: false});
    expect(lines[0]).toBe(`cluster "${NAME}" created`);
    expect((await registry.require(NAME)).instanceGroups).toHaveLength(bundle.instanceGroups.length);
    await expect(applyClusterChange(registry, change, {mode: 'create', createMissing: false})).rejects.toThrow(AlreadyExistsError);
  });

  it('replaces one instance group and keeps the others', async () => {
    await registry.create(bundle);
    const bigger = {...node, spec: {...node.spec, maxSize: 9}};
    const {lines} = await applyClusterChange(registry, {clusterName: NAME, instanceGroups: [bigger]}, {mode: 'replace', createMissing: false});
    expect(lines).toEqual([`instancegroup "${node.metadata.name}" replaced`]);
    const stored = await registry.require(NAME);
    expect(stored.instanceGroups).toHaveLength(bundle.instanceGroups.length);
    expect(stored.instanceGroups.find((ig) => ig.metadata.name === node.metadata.name)?.spec.maxSize).toBe(9);
  });

  it('replace refuses what is not stored unless createMissing', async () => {
    const change = {clusterName: NAME, ...bundle};
    await expect(applyClusterChange(registry, change, {mode: 'replace', createMissing: false})).rejects.toThrow(NotFoundError);
    const {lines} = await applyClusterChange(registry, change, {mode: 'replace', createMissing: true});
    expect(lines[0]).toBe(`cluster "${NAME}" created`);
  });

  it('writes nothing when the merged result is invalid', async () => {
    await registry.create(bundle);
    const before = await registry.require(NAME);
    const broken = {...node, spec: {...node.spec, minSize: 5, maxSize: 1}};
    await expect(applyClusterChange(registry, {clusterName: NAME, instanceGroups: [broken]}, {mode: 'replace', createMissing: false})).rejects.toThrow(
      ValidationError,
    );
    expect(await registry.require(NAME)).toEqual(before);
  });

  it('reports only the warnings a change brings in', async () => {
    await registry.create(bundle);
    const open = {...bundle.cluster, spec: {...bundle.cluster.spec, sshAccess: ['0.0.0.0/0']}};
    const {warnings} = await applyClusterChange(registry, {clusterName: NAME, cluster: open, instanceGroups: []}, {mode: 'replace', createMissing: false});
    expect(warnings.map((w) => w.path)).toEqual(['spec.sshAccess[0]']);
    const again = await applyClusterChange(registry, {clusterName: NAME, cluster: open, instanceGroups: []}, {mode: 'replace', createMissing: false});
    expect(again.warnings).toEqual([]);
  });
});
