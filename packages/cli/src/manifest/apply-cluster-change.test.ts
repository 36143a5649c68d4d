import {randomUUID} from 'node:crypto';
import {AlreadyExistsError, buildCluster, ClusterRegistry, Keystore, NotFoundError, openStateStore, ValidationError} from '@kopsx/core';
import type {StateStore} from '@kopsx/core';
import {beforeEach, describe, expect, it} from 'vitest';
import {applyClusterChange} from './apply-cluster-change.js';

const NAME = 'apply.k8s.local';
const bundle = buildCluster({name: NAME, cloud: 'aws', zones: ['us-east-1a', 'us-east-1b'], adminAccess: ['10.0.0.0/8']});
const node = bundle.instanceGroups.find((ig) => ig.spec.role === 'Node')!;

let store: StateStore;
let registry: ClusterRegistry;
beforeEach(async () => {
  store = await openStateStore(`memfs://${randomUUID()}`);
  registry = new ClusterRegistry(store);
});

describe('applyClusterChange', () => {
  it('creates a cluster with its instance groups, then refuses to create it again', async () => {
    const change = {clusterName: NAME, ...bundle};
    const {lines} = await applyClusterChange(store, change, {mode: 'create', createMissing: false});
    expect(lines[0]).toBe(`cluster "${NAME}" created`);
    expect((await registry.require(NAME)).instanceGroups).toHaveLength(bundle.instanceGroups.length);
    await expect(applyClusterChange(store, change, {mode: 'create', createMissing: false})).rejects.toThrow(AlreadyExistsError);
  });

  it('replaces one instance group and keeps the others', async () => {
    await registry.create(bundle);
    const bigger = {...node, spec: {...node.spec, maxSize: 9}};
    const {lines} = await applyClusterChange(store, {clusterName: NAME, instanceGroups: [bigger]}, {mode: 'replace', createMissing: false});
    expect(lines).toEqual([`instancegroup "${node.metadata.name}" replaced`]);
    const stored = await registry.require(NAME);
    expect(stored.instanceGroups).toHaveLength(bundle.instanceGroups.length);
    expect(stored.instanceGroups.find((ig) => ig.metadata.name === node.metadata.name)?.spec.maxSize).toBe(9);
  });

  it('replace refuses what is not stored unless createMissing', async () => {
    const change = {clusterName: NAME, ...bundle};
    await expect(applyClusterChange(store, change, {mode: 'replace', createMissing: false})).rejects.toThrow(NotFoundError);
    const {lines} = await applyClusterChange(store, change, {mode: 'replace', createMissing: true});
    expect(lines[0]).toBe(`cluster "${NAME}" created`);
  });

  it('writes nothing when the merged result is invalid', async () => {
    await registry.create(bundle);
    const before = await registry.require(NAME);
    const broken = {...node, spec: {...node.spec, minSize: 5, maxSize: 1}};
    await expect(applyClusterChange(store, {clusterName: NAME, instanceGroups: [broken]}, {mode: 'replace', createMissing: false})).rejects.toThrow(
      ValidationError,
    );
    expect(await registry.require(NAME)).toEqual(before);
  });

  it('reports only the warnings a change brings in', async () => {
    await registry.create(bundle);
    const open = {...bundle.cluster, spec: {...bundle.cluster.spec, sshAccess: ['0.0.0.0/0']}};
    const {warnings} = await applyClusterChange(store, {clusterName: NAME, cluster: open, instanceGroups: []}, {mode: 'replace', createMissing: false});
    expect(warnings.map((w) => w.path)).toEqual(['spec.sshAccess[0]']);
    const again = await applyClusterChange(store, {clusterName: NAME, cluster: open, instanceGroups: []}, {mode: 'replace', createMissing: false});
    expect(again.warnings).toEqual([]);
  });

  it('gives a new cluster its keys and secrets, and a replace keeps them as they were', async () => {
    await applyClusterChange(store, {clusterName: NAME, ...bundle}, {mode: 'create', createMissing: false});
    const keystore = new Keystore(store, NAME);
    const ca = await keystore.getKeypair('kubernetes-ca');
    const token = (await keystore.getSecret('kubeadm-bootstrap-token')).reveal();
    await applyClusterChange(store, {clusterName: NAME, ...bundle}, {mode: 'replace', createMissing: false});
    expect((await keystore.getKeypair('kubernetes-ca')).certPem).toBe(ca.certPem);
    expect((await keystore.getSecret('kubeadm-bootstrap-token')).reveal()).toBe(token);
  });
});
