import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {groupBundles} from './group-bundles.js';
import {parseManifests, type ParsedManifests} from './parse-manifests.js';

const cluster = (name: string) => `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata: {name: ${name}}
spec: {cloudProvider: sim}
`;
const group = (name: string, cluster?: string) => `apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata:
  name: ${name}
${cluster ? `  labels: {kops.k8s.io/cluster: ${cluster}}\n` : ''}spec: {role: Node, subnets: [a]}
`;
const parse = (...docs: string[]): ParsedManifests => parseManifests(docs.join('---\n'));
const summary = (parsed: ParsedManifests) =>
  groupBundles(parsed).map((b) => [b.cluster.metadata.name, b.instanceGroups.map((ig) => ig.metadata.name)]);

function problemsOf(parsed: ParsedManifests): string[] {
  try {
    groupBundles(parsed);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('groupBundles', () => {
  it('attaches instance groups to the cluster their label names', () => {
    const parsed = parse(cluster('a.k8s.local'), cluster('b.k8s.local'), group('x', 'b.k8s.local'), group('y', 'a.k8s.local'), group('z', 'b.k8s.local'));
    expect(summary(parsed)).toEqual([
      ['a.k8s.local', ['y']],
      ['b.k8s.local', ['x', 'z']],
    ]);
  });

  it('attaches unlabelled groups to the only cluster', () => {
    expect(summary(parse(group('x'), cluster('a.k8s.local'), group('y')))).toEqual([['a.k8s.local', ['x', 'y']]]);
  });

  it('rejects groups it cannot place and repeated clusters', () => {
    expect(problemsOf(parse(cluster('a.k8s.local'), cluster('b.k8s.local'), group('x')))).toEqual([
      'instancegroup/x: metadata.labels["kops.k8s.io/cluster"]: is missing and there are 2 clusters',
    ]);
    expect(problemsOf(parse(cluster('a.k8s.local'), group('x', 'c.k8s.local')))).toEqual([
      'instancegroup/x: metadata.labels["kops.k8s.io/cluster"]: names cluster "c.k8s.local", which is not among the documents (a.k8s.local)',
    ]);
    expect(problemsOf(parse(group('x')))).toEqual(['instancegroup/x: metadata.labels["kops.k8s.io/cluster"]: is missing and there is no Cluster document']);
    expect(problemsOf(parse(cluster('a.k8s.local'), cluster('a.k8s.local')))).toEqual(['cluster/a.k8s.local: metadata.name: appears in more than one Cluster document']);
  });
});
