import {describe, expect, it} from 'vitest';
import {buildCluster} from './build-cluster.js';
import {toYaml} from './to-yaml.js';

describe('toYaml', () => {
  it('writes kOps-style YAML: sorted keys, unindented lists, documents separated by ---', () => {
    const {cluster, instanceGroups} = buildCluster({name: 'y.k8s.local', cloud: 'sim', zones: ['sim-1a'], adminAccess: ['192.0.2.0/24']});
    const text = toYaml([cluster, instanceGroups[0]!]);
    const documents = text.split('---\n');
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatch(/^apiVersion: kops\.k8s\.io\/v1alpha2\nkind: Cluster\nmetadata:\n {2}name: y\.k8s\.local\nspec:\n {2}api:\n/);
    expect(documents[0]).toContain('  kubernetesApiAccess:\n  - 192.0.2.0/24\n');
    expect(documents[1]).toMatch(/^apiVersion: kops\.k8s\.io\/v1alpha2\nkind: InstanceGroup\n/);
    const spec = documents[1]!.slice(documents[1]!.indexOf('\nspec:\n'));
    const specKeys = [...spec.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
    expect(specKeys).toContain('role');
    expect(specKeys).toEqual([...specKeys].sort());
  });

  it('writes a cloud without options as the plain string kOps v1alpha2 reads, and keeps options as an object', () => {
    const {cluster} = buildCluster({name: 'p.k8s.local', cloud: 'sim', zones: ['sim-1a']});
    expect(toYaml([cluster])).toContain('\n  cloudProvider: sim\n');
    const withOptions = {...cluster, spec: {...cluster.spec, cloudProvider: {sim: {region: 'north'}}}};
    expect(toYaml([withOptions])).toContain('\n  cloudProvider:\n    sim:\n      region: north\n');
  });

  it('quotes strings that YAML 1.1 readers would take for other types', () => {
    expect(toYaml([{...buildCluster({name: 'q.k8s.local', cloud: 'sim', zones: ['sim-1a']}).cluster, metadata: {name: 'q.k8s.local', labels: {on: 'yes', v: '1.35'}}}])).toContain(
      "    'on': 'yes'\n    v: '1.35'\n",
    );
  });
});
