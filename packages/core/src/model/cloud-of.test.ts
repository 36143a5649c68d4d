import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {cloudOf} from './cloud-of.js';
import {parseManifests} from './parse-manifests.js';

const clusterWith = (cloudProvider: string) =>
  parseManifests(`{apiVersion: kops.k8s.io/v1alpha2, kind: Cluster, metadata: {name: c.k8s.local}, spec: {cloudProvider: ${cloudProvider}}}`).clusters[0]!;

describe('cloudOf', () => {
  it('names the cloud of either cloudProvider form', () => {
    expect(cloudOf(clusterWith('sim'))).toBe('sim');
    expect(cloudOf(clusterWith('{sim: {region: north}}'))).toBe('sim');
  });

  it('throws a ValidationError when no single cloud is named', () => {
    expect(() => cloudOf(clusterWith('{}'))).toThrow(ValidationError);
    expect(() => cloudOf(clusterWith('{a: {}, b: {}}'))).toThrow('cluster "c.k8s.local": spec.cloudProvider: names 2 clouds (a, b); a cluster runs on one');
  });
});
