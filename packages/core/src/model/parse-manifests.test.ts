import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {completeCluster} from './complete-cluster.js';
import {groupBundles} from './group-bundles.js';
import {parseManifests} from './parse-manifests.js';
import {toYaml} from './to-yaml.js';
import {validateBundle} from './validate-bundle.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The problems a ValidationError carries, as `path: message` lines. */
function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const CLUSTER = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: t.k8s.local
spec:
  cloudProvider: sim
`;

describe('parseManifests on kOps output', () => {
  it('loads the private-topology fixture and normalises older kOps spellings', () => {
    const {clusters, instanceGroups} = parseManifests(fixture('kops-aws-private.yaml'));
    expect(clusters).toHaveLength(1);
    const cluster = clusters[0]!;
    expect(cluster.spec.cloudProvider).toEqual({aws: {}});
    expect(cluster.spec.topology).toEqual({
      controlPlane: 'private',
      nodes: 'private',
      dns: {type: 'Public'},
      bastion: {bastionPublicName: 'bastion.staging.acme-widgets.net'},
    });
    expect(cluster.metadata.creationTimestamp).toBe('2025-03-14T09:26:53Z');
    expect(instanceGroups.map((ig) => [ig.metadata.name, ig.spec.role])).toEqual([
      ['bastions', 'Bastion'],
      ['master-eu-central-1a', 'ControlPlane'],
      ['master-eu-central-1b', 'ControlPlane'],
      ['master-eu-central-1c', 'ControlPlane'],
      ['workers', 'Node'],
    ]);
    // Sections kopsx does not interpret are kept as written.
    expect(cluster.spec['kubeAPIServer']).toEqual({auditLogMaxAge: 7});
    expect(instanceGroups[4]!.spec['mixedInstancesPolicy']).toMatchObject({instances: ['m6i.xlarge', 'm5.xlarge']});
  });

  it('validates the private-topology fixture with no problems, before and after completion', () => {
    const [bundle] = groupBundles(parseManifests(fixture('kops-aws-private.yaml')));
    expect(validateBundle(bundle!).problems).toEqual([]);
    expect(validateBundle(completeCluster(bundle!)).problems).toEqual([]);
  });

  it('loads the object-provider fixture, filling kOps default sizes, and it validates once completed', () => {
    const parsed = parseManifests(fixture('kops-object-provider.yaml'));
    expect(parsed.clusters[0]!.spec.cloudProvider).toEqual({gce: {project: 'acme-lab-42'}});
    expect(parsed.instanceGroups.map((ig) => [ig.spec.minSize, ig.spec.maxSize])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const [bundle] = groupBundles(parsed);
    const result = validateBundle(completeCluster(bundle!));
    expect(result).toEqual({problems: [], warnings: []});
  });

  it('round-trips: parsing toYaml output gives the same documents', () => {
    for (const name of ['kops-aws-private.yaml', 'kops-object-provider.yaml']) {
      const parsed = parseManifests(fixture(name));
      const again = parseManifests(toYaml([...parsed.clusters, ...parsed.instanceGroups]));
      expect(again).toEqual(parsed);
    }
  });

  it('reads JSON, including an array of documents', () => {
    const cluster = parseManifests(CLUSTER).clusters[0]!;
    const ig = {apiVersion: 'kops.k8s.io/v1alpha2', kind: 'InstanceGroup', metadata: {name: 'nodes'}, spec: {role: 'Node', subnets: ['a']}};
    const parsed = parseManifests(JSON.stringify([cluster, ig]));
    expect(parsed.clusters).toEqual([cluster]);
    expect(parsed.instanceGroups[0]!.spec).toEqual({role: 'Node', subnets: ['a'], minSize: 2, maxSize: 2});
  });

  it('accepts Master roles and legacy sizes: one given size is used for both', () => {
    const text = `${CLUSTER}---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata: {name: cp}
spec: {role: Master, subnets: [a], maxSize: 3}
`;
    expect(parseManifests(text).instanceGroups[0]!.spec).toMatchObject({role: 'ControlPlane', minSize: 3, maxSize: 3});
  });
});

describe('parseManifests errors', () => {
  it('reports a missing apiVersion and kind', () => {
    expect(problemsOf(() => parseManifests('metadata: {name: x}\n'))).toEqual(['apiVersion: required field is missing', 'kind: required field is missing']);
  });

  it('rejects another apiVersion and an unknown kind', () => {
    const problems = problemsOf(() => parseManifests(CLUSTER.replace('v1alpha2', 'v1alpha3').replace('kind: Cluster', 'kind: Keyset')));
    expect(problems).toEqual([
      'apiVersion: "kops.k8s.io/v1alpha3" is not supported; kopsx reads kops.k8s.io/v1alpha2',
      'kind: "Keyset" is not supported; expected Cluster or InstanceGroup',
    ]);
  });

  it('reports unknown fields with their path and suggests the field a typo meant', () => {
    const text = CLUSTER.replace('spec:\n', 'spec:\n  kubernetesVerison: v1.35.0\n  frobnicate: true\n  subnets: [{name: a, zone: a, type: Public, cidrr: 10.0.0.0/24}]\n');
    try {
      parseManifests(text, 'cluster.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const {problems, message} = error as ValidationError;
      expect(problems).toEqual([
        {path: 'spec.subnets[0].cidrr', message: 'unknown field', hint: 'did you mean "cidr"?'},
        {path: 'spec.kubernetesVerison', message: 'unknown field', hint: 'did you mean "kubernetesVersion"?'},
        {path: 'spec.frobnicate', message: 'unknown field', hint: 'docs/spec-reference.md lists the fields kopsx accepts'},
      ]);
      expect(message).toMatch(/^cluster\.yaml: spec\.subnets\[0\]\.cidrr: unknown field/);
    }
  });

  it('prefixes problems with the document number when there are several documents', () => {
    const text = `${CLUSTER}---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata: {name: nodes}
spec: {role: Worker, subnets: [a], minSize: many}
`;
    expect(problemsOf(() => parseManifests(text))).toEqual([
      'document 2: spec.role: must be ControlPlane, Node or Bastion',
      'document 2: spec.minSize: expected number, got string',
    ]);
  });

  it('reports missing required fields and wrong enum values with paths', () => {
    const text = CLUSTER.replace('  cloudProvider: sim\n', '  subnets: [{name: a, zone: a, type: Shared}]\n  topology: {dns: {type: Maybe}}\n');
    expect(problemsOf(() => parseManifests(text))).toEqual([
      'spec.cloudProvider: required field is missing',
      'spec.subnets[0].type: must be Public, Private, Utility or DualStack',
      'spec.topology.dns.type: must be Public, Private or None',
    ]);
  });

  it('explains values kOps accepts but kopsx does not, and malformed rolling-update settings', () => {
    const text = `${CLUSTER.replace('spec:\n', 'spec:\n  rollingUpdate: {maxSurge: lots}\n  topology: {mastrs: private}\n')}---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata: {name: api}
spec: {role: APIServer, subnets: [a]}
`;
    const problems = problemsOf(() => parseManifests(text));
    expect(problems).toEqual([
      'document 1: spec.topology.mastrs: unknown field',
      'document 1: spec.rollingUpdate.maxSurge: must be a count or a percentage like "25%"',
      "document 2: spec.role: kOps' experimental role APIServer is not supported; use ControlPlane, Node or Bastion",
    ]);
  });

  it('suggests fields inside transformed sections', () => {
    try {
      parseManifests(CLUSTER.replace('spec:\n', 'spec:\n  topology: {mastrs: private}\n'));
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([{path: 'spec.topology.mastrs', message: 'unknown field', hint: 'did you mean "masters"?'}]);
    }
  });

  it('reports a YAML syntax error with its line and column', () => {
    expect(problemsOf(() => parseManifests('kind: Cluster\nspec: [unclosed\n'))).toEqual([
      'line 3, column 1: not valid YAML or JSON: unexpected end of the stream within a flow collection',
    ]);
  });

  it('rejects input without documents and documents that are not objects', () => {
    expect(problemsOf(() => parseManifests('# nothing\n---\n'))).toEqual(['(input): holds no Cluster or InstanceGroup document']);
    expect(problemsOf(() => parseManifests('just text'))).toEqual(['(document): is not an object with apiVersion, kind, metadata and spec']);
  });
});
