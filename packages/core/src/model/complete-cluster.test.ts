import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {buildCluster} from './build-cluster.js';
import {cidrsOverlap, parseCidr} from './cidr.js';
import {completeCluster} from './complete-cluster.js';
import {DEFAULT_KUBERNETES_VERSION} from './defaults.js';
import {parseManifests} from './parse-manifests.js';
import {toYaml} from './to-yaml.js';
import type {ClusterBundle, ClusterSubnetSpec} from './types.js';

/** A cluster as a user might write it: no CIDRs, no etcd, no defaults. */
const MINIMAL = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: omega.example.com
spec:
  cloudProvider: sim
  dnsZone: example.com
  subnets:
  - {name: sim-east-2a, zone: sim-east-2a, type: Private}
  - {name: utility-sim-east-2a, zone: sim-east-2a, type: Utility}
---
apiVersion: kops.k8s.io/v1alpha2
kind: InstanceGroup
metadata: {name: control-plane-sim-east-2a}
spec: {role: ControlPlane, subnets: [sim-east-2a]}
`;

function minimal(): ClusterBundle {
  const {clusters, instanceGroups} = parseManifests(MINIMAL);
  return {cluster: clusters[0]!, instanceGroups};
}

const yamlOf = (bundle: ClusterBundle) => toYaml([bundle.cluster, ...bundle.instanceGroups]);
const cidrsByName = (subnets: readonly ClusterSubnetSpec[]) => Object.fromEntries(subnets.map((s) => [s.name, s.cidr]));

function withSubnets(bundle: ClusterBundle, subnets: ClusterSubnetSpec[]): ClusterBundle {
  return {...bundle, cluster: {...bundle.cluster, spec: {...bundle.cluster.spec, subnets}}};
}

describe('completeCluster', () => {
  it('fills the cloud-neutral defaults', () => {
    const {cluster, instanceGroups} = completeCluster(minimal());
    expect(cluster.spec).toMatchObject({
      kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
      networkCIDR: '172.20.0.0/16',
      nonMasqueradeCIDR: '100.64.0.0/10',
      serviceClusterIPRange: '100.64.0.0/13',
      podCIDR: '100.96.0.0/11',
      networking: {cilium: {}},
      kubernetesApiAccess: ['0.0.0.0/0', '::/0'],
      sshAccess: ['0.0.0.0/0', '::/0'],
      topology: {controlPlane: 'private', nodes: 'private', dns: {type: 'Public'}},
      api: {loadBalancer: {type: 'Public'}},
    });
    expect(cluster.spec.etcdClusters).toEqual([
      {name: 'main', etcdMembers: [{name: 'a', instanceGroup: 'control-plane-sim-east-2a'}]},
      {name: 'events', etcdMembers: [{name: 'a', instanceGroup: 'control-plane-sim-east-2a'}]},
    ]);
    expect(instanceGroups[0]!.metadata.labels).toEqual({'kops.k8s.io/cluster': 'omega.example.com'});
  });

  it('is pure and deterministic: the input is untouched and two runs give identical YAML', () => {
    const input = minimal();
    const before = yamlOf(input);
    const first = completeCluster(input);
    const second = completeCluster(minimal());
    expect(yamlOf(input)).toBe(before);
    expect(second).toEqual(first);
    expect(yamlOf(second)).toBe(yamlOf(first));
    // Completing a completed spec changes nothing.
    expect(yamlOf(completeCluster(first))).toBe(yamlOf(first));
  });

  it('carves Private subnets from the zone blocks and Utility subnets from the first block', () => {
    const {spec} = completeCluster(minimal()).cluster;
    expect(cidrsByName(spec.subnets)).toEqual({'sim-east-2a': '172.20.32.0/19', 'utility-sim-east-2a': '172.20.0.0/22'});
  });

  it('scales the blocks to the network size', () => {
    const bundle = minimal();
    bundle.cluster.spec.networkCIDR = '10.0.0.0/20';
    expect(cidrsByName(completeCluster(bundle).cluster.spec.subnets)).toEqual({
      'sim-east-2a': '10.0.2.0/23',
      'utility-sim-east-2a': '10.0.0.0/26',
    });
  });

  it('keeps existing CIDRs when a zone is added, whether or not the earlier ones were stored', () => {
    const twoZones = minimal();
    twoZones.cluster.spec.subnets.splice(1, 0, {name: 'sim-east-2b', zone: 'sim-east-2b', type: 'Private'});
    twoZones.cluster.spec.subnets.push({name: 'utility-sim-east-2b', zone: 'sim-east-2b', type: 'Utility'});
    const before = cidrsByName(completeCluster(twoZones).cluster.spec.subnets);

    const zoneC: ClusterSubnetSpec[] = [
      {name: 'sim-east-2c', zone: 'sim-east-2c', type: 'Private'},
      {name: 'utility-sim-east-2c', zone: 'sim-east-2c', type: 'Utility'},
    ];
    // From the user's spec (no CIDRs stored) ...
    const fromSpec = completeCluster(withSubnets(twoZones, [...twoZones.cluster.spec.subnets, ...zoneC]));
    // ... and from the completed spec (CIDRs stored).
    const completed = completeCluster(twoZones);
    const fromCompleted = completeCluster(withSubnets(completed, [...completed.cluster.spec.subnets, ...zoneC]));
    for (const result of [fromSpec, fromCompleted]) {
      const after = cidrsByName(result.cluster.spec.subnets);
      expect(after).toMatchObject(before);
      expect(after['sim-east-2c']).toBe('172.20.96.0/19');
      expect(after['utility-sim-east-2c']).toBe('172.20.8.0/22');
    }
  });

  it('never hands out a block overlapping a CIDR the user set', () => {
    const bundle = withSubnets(minimal(), [
      {name: 'sim-east-2a', zone: 'sim-east-2a', type: 'Private'},
      {name: 'sim-east-2b', zone: 'sim-east-2b', type: 'Private', cidr: '172.20.40.0/24'},
      {name: 'utility-sim-east-2a', zone: 'sim-east-2a', type: 'Utility'},
      {name: 'utility-sim-east-2b', zone: 'sim-east-2b', type: 'Utility', cidr: '172.20.0.0/23'},
    ]);
    const subnets = completeCluster(bundle).cluster.spec.subnets;
    expect(cidrsByName(subnets)).toEqual({
      'sim-east-2a': '172.20.64.0/19',
      'sim-east-2b': '172.20.40.0/24',
      'utility-sim-east-2a': '172.20.4.0/22',
      'utility-sim-east-2b': '172.20.0.0/23',
    });
    const blocks = subnets.map((s) => parseCidr(s.cidr!)!);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(cidrsOverlap(a, b)).toBe(false)));
  });

  it('leaves subnets of an existing network without CIDRs for the provider', () => {
    const bundle = withSubnets(minimal(), [{name: 'sim-east-2a', zone: 'sim-east-2a', type: 'Private', id: 'subnet-1'}]);
    bundle.cluster.spec.networkID = 'net-7';
    const {spec} = completeCluster(bundle).cluster;
    expect(spec).not.toHaveProperty('networkCIDR');
    expect(spec.subnets).toEqual([{name: 'sim-east-2a', zone: 'sim-east-2a', type: 'Private', id: 'subnet-1'}]);
  });

  it('invents no network range when the subnets already lie outside the default one', () => {
    const bundle = withSubnets(minimal(), [{name: 'sim-east-2', region: 'sim-east-2', type: 'Public', cidr: '10.10.0.0/20'}]);
    const {spec} = completeCluster(bundle).cluster;
    expect(spec).not.toHaveProperty('networkCIDR');
    expect(spec.subnets).toEqual(bundle.cluster.spec.subnets);
  });

  it('fails with a precise error when the network has no room left', () => {
    const subnets: ClusterSubnetSpec[] = Array.from({length: 8}, (_, i) => ({name: `s${i}`, zone: `sim-east-2${'abcdefgh'[i]}`, type: 'Public'}));
    expect(() => completeCluster(withSubnets(minimal(), subnets))).toThrow(ValidationError);
    expect(() => completeCluster(withSubnets(minimal(), subnets))).toThrow(
      'spec.subnets: no free /19 block left in networkCIDR 172.20.0.0/16 for subnet "s7" (set spec.subnets[].cidr yourself, or use a larger networkCIDR)',
    );
    const tiny = minimal();
    tiny.cluster.spec.networkCIDR = '10.0.0.0/24';
    expect(() => completeCluster(tiny)).toThrow(/networkCIDR 10\.0\.0\.0\/24 is too small to carve subnets from/);
  });

  it('adds missing etcd clusters and members without touching ones the user wrote', () => {
    const bundle = completeCluster(buildCluster({name: 'e.k8s.local', cloud: 'sim', zones: ['z-1a', 'z-1b', 'z-1c'], controlPlaneCount: 3}));
    const main = bundle.cluster.spec.etcdClusters.find((c) => c.name === 'main')!;
    bundle.cluster.spec.etcdClusters = [{...main, etcdMembers: main.etcdMembers.slice(0, 1)}];
    const completed = completeCluster(bundle).cluster.spec.etcdClusters;
    expect(completed.map((c) => [c.name, c.etcdMembers.map((m) => m.name)])).toEqual([
      ['main', ['a']],
      ['events', ['a', 'b', 'c']],
    ]);
  });

  it('keeps values the user set', () => {
    const bundle = minimal();
    Object.assign(bundle.cluster.spec, {
      kubernetesVersion: 'v1.33.0',
      networking: {flannel: {}},
      kubernetesApiAccess: ['192.0.2.0/24'],
      topology: {dns: {type: 'Private'}},
      api: {dns: {}},
      podCIDR: '100.80.0.0/12',
    });
    const {spec} = completeCluster(bundle).cluster;
    expect(spec).toMatchObject({
      kubernetesVersion: 'v1.33.0',
      networking: {flannel: {}},
      kubernetesApiAccess: ['192.0.2.0/24'],
      topology: {controlPlane: 'private', nodes: 'private', dns: {type: 'Private'}},
      api: {dns: {}},
      podCIDR: '100.80.0.0/12',
    });
  });

  it('gives .k8s.local clusters no DNS and a load-balanced API', () => {
    const bundle = minimal();
    bundle.cluster.metadata.name = 'omega.k8s.local';
    bundle.cluster.spec.subnets = [{name: 'sim-east-2a', zone: 'sim-east-2a', type: 'Public'}];
    const {spec} = completeCluster(bundle).cluster;
    expect(spec.topology).toEqual({controlPlane: 'public', nodes: 'public', dns: {type: 'None'}});
    expect(spec.api).toEqual({loadBalancer: {type: 'Public'}});
  });
});
