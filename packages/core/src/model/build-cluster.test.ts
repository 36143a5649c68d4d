import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {buildCluster, type CreateClusterOptions} from './build-cluster.js';
import {completeCluster} from './complete-cluster.js';
import {parseManifests} from './parse-manifests.js';
import {toYaml} from './to-yaml.js';
import {validateBundle} from './validate-bundle.js';
import type {ClusterBundle} from './types.js';

const ZONES = ['sim-north-1a', 'sim-north-1b', 'sim-north-1c'];
const base: CreateClusterOptions = {name: 'alpha.k8s.local', cloud: 'sim', zones: ZONES};

const names = (bundle: ClusterBundle) => bundle.instanceGroups.map((ig) => ig.metadata.name);
const members = (bundle: ClusterBundle, etcd: string) =>
  bundle.cluster.spec.etcdClusters.find((c) => c.name === etcd)?.etcdMembers.map((m) => `${m.name}@${m.instanceGroup}`);

function problemsOf(options: CreateClusterOptions): string[] {
  try {
    buildCluster(options);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('buildCluster', () => {
  it('builds a single control plane in the first zone and one node group per zone', () => {
    const bundle = buildCluster(base);
    expect(names(bundle)).toEqual(['control-plane-sim-north-1a', 'nodes-sim-north-1a', 'nodes-sim-north-1b', 'nodes-sim-north-1c']);
    expect(bundle.instanceGroups.map((ig) => [ig.spec.role, ig.spec.minSize, ig.spec.maxSize, ig.spec.subnets])).toEqual([
      ['ControlPlane', 1, 1, ['sim-north-1a']],
      ['Node', 1, 1, ['sim-north-1a']],
      ['Node', 1, 1, ['sim-north-1b']],
      ['Node', 1, 1, ['sim-north-1c']],
    ]);
    expect(members(bundle, 'main')).toEqual(['a@control-plane-sim-north-1a']);
    expect(members(bundle, 'events')).toEqual(['a@control-plane-sim-north-1a']);
    const ig = bundle.instanceGroups[0]!;
    expect(ig.metadata.labels).toEqual({'kops.k8s.io/cluster': 'alpha.k8s.local'});
    expect(ig.spec.nodeLabels).toEqual({'kops.k8s.io/instancegroup': 'control-plane-sim-north-1a'});
    // No machine type or image is invented: the provider supplies those.
    expect(ig.spec).not.toHaveProperty('machineType');
    expect(ig.spec).not.toHaveProperty('image');
    expect(bundle.cluster.metadata).toEqual({name: 'alpha.k8s.local'});
  });

  it('spreads three control planes over three zones with etcd members a, b, c', () => {
    const bundle = buildCluster({...base, controlPlaneCount: 3, nodeCount: 5});
    expect(names(bundle).filter((n) => n.startsWith('control-plane'))).toEqual(ZONES.map((z) => `control-plane-${z}`));
    expect(members(bundle, 'main')).toEqual(['a', 'b', 'c'].map((m, i) => `${m}@control-plane-${ZONES[i]}`));
    expect(bundle.instanceGroups.filter((ig) => ig.spec.role === 'Node').map((ig) => ig.spec.minSize)).toEqual([2, 2, 1]);
  });

  it('numbers control planes per zone when there are more than zones', () => {
    const bundle = buildCluster({...base, zones: ['sim-north-1a'], controlPlaneCount: 3});
    expect(names(bundle).filter((n) => n.startsWith('control-plane'))).toEqual(
      ['1', '2', '3'].map((n) => `control-plane-sim-north-1a-${n}`),
    );
    expect(members(bundle, 'events')).toEqual(['1', '2', '3'].map((n) => `etcd-${n}@control-plane-sim-north-1a-${n}`));
  });

  it('places control planes in controlPlaneZones and gives those zones subnets too', () => {
    const bundle = buildCluster({...base, zones: ['sim-north-1a'], controlPlaneZones: ['sim-north-1b', 'sim-north-1c', 'sim-north-1a']});
    expect(names(bundle)).toEqual([
      'control-plane-sim-north-1a',
      'control-plane-sim-north-1b',
      'control-plane-sim-north-1c',
      'nodes-sim-north-1a',
    ]);
    expect(bundle.cluster.spec.subnets.map((s) => s.name)).toEqual(['sim-north-1a', 'sim-north-1b', 'sim-north-1c']);
  });

  it('public topology: one Public subnet per zone with carved CIDRs', () => {
    const {spec} = buildCluster(base).cluster;
    expect(spec.subnets).toEqual([
      {name: 'sim-north-1a', zone: 'sim-north-1a', type: 'Public', cidr: '172.20.32.0/19'},
      {name: 'sim-north-1b', zone: 'sim-north-1b', type: 'Public', cidr: '172.20.64.0/19'},
      {name: 'sim-north-1c', zone: 'sim-north-1c', type: 'Public', cidr: '172.20.96.0/19'},
    ]);
    expect(spec.topology).toEqual({controlPlane: 'public', nodes: 'public', dns: {type: 'None'}});
  });

  it('private topology with bastion: Private and Utility subnets, bastions in the utility subnets', () => {
    const bundle = buildCluster({...base, name: 'beta.example.org', dnsZone: 'example.org', topology: 'private', bastion: true});
    const {spec} = bundle.cluster;
    expect(spec.subnets.map((s) => `${s.name}:${s.type}:${s.cidr}`)).toEqual([
      'sim-north-1a:Private:172.20.32.0/19',
      'sim-north-1b:Private:172.20.64.0/19',
      'sim-north-1c:Private:172.20.96.0/19',
      'utility-sim-north-1a:Utility:172.20.0.0/22',
      'utility-sim-north-1b:Utility:172.20.4.0/22',
      'utility-sim-north-1c:Utility:172.20.8.0/22',
    ]);
    const bastion = bundle.instanceGroups.find((ig) => ig.metadata.name === 'bastions');
    expect(bastion?.spec).toMatchObject({role: 'Bastion', minSize: 1, maxSize: 1, subnets: ZONES.map((z) => `utility-${z}`)});
    expect(spec.topology).toEqual({
      controlPlane: 'private',
      nodes: 'private',
      dns: {type: 'Public'},
      bastion: {bastionPublicName: 'bastion.beta.example.org'},
    });
    // A private control plane is reached through a load balancer even with DNS.
    expect(spec.api).toEqual({loadBalancer: {type: 'Public'}});
  });

  it('uses DNS for the API of a public cluster with a DNS name, and a load balancer for .k8s.local', () => {
    const dns = buildCluster({...base, name: 'gamma.example.org', dnsZone: 'example.org', dns: 'private'}).cluster.spec;
    expect(dns.api).toEqual({dns: {}});
    expect(dns.topology?.dns).toEqual({type: 'Private'});
    expect(dns.dnsZone).toBe('example.org');
    const gossip = buildCluster(base).cluster.spec;
    expect(gossip.api).toEqual({loadBalancer: {type: 'Public'}});
    expect(gossip.topology?.dns).toEqual({type: 'None'});
  });

  it('writes the cluster-wide defaults and the options given', () => {
    const {spec} = buildCluster({
      ...base,
      adminAccess: ['192.0.2.0/24'],
      networking: 'calico',
      kubernetesVersion: 'v1.34.1',
      networkCIDR: '10.8.0.0/16',
      configBase: 'memfs://store/alpha.k8s.local',
    }).cluster;
    expect(spec).toMatchObject({
      cloudProvider: {sim: {}},
      kubernetesVersion: 'v1.34.1',
      networkCIDR: '10.8.0.0/16',
      nonMasqueradeCIDR: '100.64.0.0/10',
      serviceClusterIPRange: '100.64.0.0/13',
      networking: {calico: {}},
      kubernetesApiAccess: ['192.0.2.0/24'],
      sshAccess: ['192.0.2.0/24'],
      configBase: 'memfs://store/alpha.k8s.local',
    });
    expect(spec).not.toHaveProperty('dnsZone');
    const defaults = buildCluster(base).cluster.spec;
    expect(defaults).toMatchObject({networking: {cilium: {}}, kubernetesApiAccess: ['0.0.0.0/0', '::/0'], sshAccess: ['0.0.0.0/0', '::/0']});
    expect(defaults.kubernetesVersion).toMatch(/^v1\.3\d\.\d+$/);
  });

  it('passes sizes, volumes and image to the groups they belong to', () => {
    const bundle = buildCluster({
      ...base,
      zones: ['sim-north-1a'],
      controlPlaneSize: 'cp-large',
      nodeSize: 'node-medium',
      controlPlaneVolumeSize: 40,
      nodeVolumeSize: 80,
      image: 'sim-os-2026',
    });
    expect(bundle.instanceGroups.map((ig) => [ig.spec.machineType, ig.spec.rootVolumeSize, ig.spec.image])).toEqual([
      ['cp-large', 40, 'sim-os-2026'],
      ['node-medium', 80, 'sim-os-2026'],
    ]);
  });

  it('builds clusters that are valid as built and once completed, and survive a YAML round trip', () => {
    for (const options of [
      base,
      {...base, controlPlaneCount: 3, topology: 'private', bastion: true, name: 'delta.example.net', dnsZone: 'example.net'},
    ] satisfies CreateClusterOptions[]) {
      expect(validateBundle(buildCluster(options)).problems).toEqual([]);
      const bundle = completeCluster(buildCluster(options));
      expect(validateBundle(bundle).problems).toEqual([]);
      const parsed = parseManifests(toYaml([bundle.cluster, ...bundle.instanceGroups]));
      expect(parsed).toEqual({clusters: [bundle.cluster], instanceGroups: bundle.instanceGroups});
    }
  });

  it('rejects options that cannot describe a cluster', () => {
    expect(problemsOf({...base, zones: []})).toEqual(['zones: at least one zone is required']);
    expect(problemsOf({...base, zones: ['z-1a', 'z-1a']})).toEqual(['zones: lists z-1a more than once']);
    expect(problemsOf({...base, controlPlaneCount: 0})).toEqual(['controlPlaneCount: must be a whole number of at least 1, not 0']);
    expect(problemsOf({...base, controlPlaneZones: ZONES, controlPlaneCount: 2})).toEqual([
      'controlPlaneCount: is 2 but 3 control-plane zones are given',
    ]);
    expect(problemsOf({...base, nodeCount: -1, nodeVolumeSize: 1.5})).toEqual([
      'nodeCount: must be a whole number of at least 0, not -1',
      'nodeVolumeSize: must be a whole number of at least 1, not 1.5',
    ]);
    expect(problemsOf({...base, bastion: true})).toEqual(['bastion: a bastion needs the private topology']);
    expect(problemsOf({...base, topology: 'private', networking: 'kubenet'})).toEqual([
      'networking: kubenet cannot route pods across private subnets',
    ]);
  });

  it('rejects an unknown network plugin, listing the known ones', () => {
    try {
      buildCluster({...base, networking: 'weave'});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([
        {
          path: 'networking',
          message: '"weave" is not a known network plugin',
          hint: 'use one of: amazonvpc, calico, canal, cilium, cni, external, flannel, gce, kindnet, kopeio, kubenet, kuberouter',
        },
      ]);
    }
  });

  it('records the cloud project when one is given, and leaves it out otherwise', () => {
    const withProject = buildCluster({name: 'p.k8s.local', cloud: 'gce', zones: ['us-central1-a'], project: 'my-project'});
    expect(withProject.cluster.spec.project).toBe('my-project');
    expect(validateBundle(completeCluster(withProject)).problems).toEqual([]);
    expect(buildCluster({name: 'p.k8s.local', cloud: 'gce', zones: ['us-central1-a']}).cluster.spec).not.toHaveProperty('project');
  });
});
