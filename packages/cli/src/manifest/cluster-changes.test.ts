import {buildCluster, CLUSTER_LABEL, parseManifests, toYaml} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {splitManifest} from './cluster-changes.js';

const a = buildCluster({name: 'a.k8s.local', cloud: 'aws', zones: ['us-east-1a']});
const b = buildCluster({name: 'b.k8s.local', cloud: 'aws', zones: ['us-east-1a']});
const unlabelled = {...a.instanceGroups[1]!, metadata: {name: 'extra'}};

describe('splitManifest', () => {
  it('keeps each cluster with its labelled instance groups', () => {
    const text = toYaml([a.cluster, b.cluster, ...b.instanceGroups, ...a.instanceGroups]);
    const changes = splitManifest(parseManifests(text));
    expect(changes.map((c) => [c.clusterName, c.cluster?.metadata.name, c.instanceGroups.length])).toEqual([
      ['a.k8s.local', 'a.k8s.local', a.instanceGroups.length],
      ['b.k8s.local', 'b.k8s.local', b.instanceGroups.length],
    ]);
  });

  it('gives instance groups without their cluster in the file to the cluster of their label, or --name', () => {
    const labelled = {...unlabelled, metadata: {name: 'gpu', labels: {[CLUSTER_LABEL]: 'b.k8s.local'}}};
    const changes = splitManifest(parseManifests(toYaml([unlabelled, labelled])), {defaultCluster: 'a.k8s.local'});
    expect(changes).toHaveLength(2);
    const [forA, forB] = changes;
    expect(forA?.cluster).toBeUndefined();
    expect(forA?.instanceGroups[0]?.metadata.labels?.[CLUSTER_LABEL]).toBe('a.k8s.local');
    expect(forB?.clusterName).toBe('b.k8s.local');
  });

  it('refuses an instance group that names no cluster when nothing else says which', () => {
    expect(() => splitManifest(parseManifests(toYaml([unlabelled])))).toThrow(/"extra" does not say which cluster/);
  });
});
