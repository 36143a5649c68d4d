import {describe, expect, it} from 'vitest';
import {ValidationError} from '../errors.js';
import {buildCluster} from './build-cluster.js';
import {completeCluster} from './complete-cluster.js';
import {assertValid, validateBundle, type ValidationOptions} from './validate-bundle.js';
import type {ClusterBundle, ClusterSpec, InstanceGroup, InstanceGroupSpec} from './types.js';

/** A valid, completed three-zone cluster with restricted access, so it has neither problems nor warnings. */
function valid(): ClusterBundle {
  return completeCluster(
    buildCluster({
      name: 'v.example.com',
      cloud: 'sim',
      dnsZone: 'example.com',
      zones: ['sim-west-3a', 'sim-west-3b', 'sim-west-3c'],
      controlPlaneCount: 3,
      topology: 'private',
      adminAccess: ['192.0.2.0/24'],
    }),
  );
}

function withSpec(change: (spec: ClusterSpec) => void): ClusterBundle {
  const bundle = valid();
  change(bundle.cluster.spec);
  return bundle;
}

function withGroup(name: string, change: (spec: InstanceGroupSpec, ig: InstanceGroup) => void): ClusterBundle {
  const bundle = valid();
  const ig = bundle.instanceGroups.find((g) => g.metadata.name === name)!;
  change(ig.spec, ig);
  return bundle;
}

const problems = (bundle: ClusterBundle, options?: ValidationOptions) =>
  validateBundle(bundle, options).problems.map((p) => `${p.path}: ${p.message}`);

describe('validateBundle', () => {
  it('finds nothing wrong with a built and completed cluster', () => {
    expect(validateBundle(valid())).toEqual({problems: [], warnings: []});
  });

  describe('cluster', () => {
    it('rejects names that are not DNS names, suggesting a .k8s.local one', () => {
      for (const name of ['single', 'Upper.example.com', 'under_score.example.com', `${'x'.repeat(64)}.example.com`]) {
        const bundle = valid();
        bundle.cluster.metadata.name = name;
        expect(problems(bundle)).toContain(`metadata.name: "${name}" is not a DNS name (two or more lowercase labels of letters, digits and dashes)`);
      }
      const bundle = valid();
      bundle.cluster.metadata.name = 'My_Lab';
      expect(validateBundle(bundle).problems.find((p) => p.path === 'metadata.name')?.hint).toBe(
        'use a name under a domain you own, like dev.example.com, or my-lab.k8s.local for a cluster without DNS',
      );
    });

    it('requires exactly one cloud', () => {
      expect(problems(withSpec((s) => (s.cloudProvider = {})))).toEqual(['spec.cloudProvider: names no cloud']);
      expect(problems(withSpec((s) => (s.cloudProvider = {a: {}, b: {}})))).toEqual(['spec.cloudProvider: names 2 clouds (a, b); a cluster runs on one']);
    });

    it('rejects a malformed Kubernetes version', () => {
      expect(problems(withSpec((s) => (s.kubernetesVersion = 'latest')))).toEqual(['spec.kubernetesVersion: "latest" is not a version']);
    });

    it('requires one supported network plugin; kubenet only without private subnets', () => {
      expect(problems(withSpec((s) => (s.networking = {calico: {}, cilium: {}})))).toEqual(['spec.networking: names 2 network plugins; exactly one is needed']);
      expect(problems(withSpec((s) => (s.networking = {weave: {}})))).toEqual(['spec.networking.weave: "weave" is not a supported network plugin']);
      expect(problems(withSpec((s) => (s.networking = {kubenet: {}})))).toEqual(['spec.networking.kubenet: kubenet cannot route pods across private subnets']);
    });

    it('requires a DNS zone for clusters that publish DNS records', () => {
      const bundle = withSpec((s) => delete s.dnsZone);
      expect(problems(bundle)).toEqual(['spec.dnsZone: is required: cluster "v.example.com" publishes its API address in DNS']);
      expect(validateBundle(bundle).problems[0]?.hint).toBe('set dnsZone to the zone holding the name (e.g. example.com), or use a name ending in .k8s.local');
      expect(problems(withSpec((s) => {
        delete s.dnsZone;
        s.topology = {...s.topology, dns: {type: 'None'}};
      }))).toEqual([]);
    });

    it('rejects DNS for .k8s.local clusters and API DNS without records', () => {
      const gossip = completeCluster(buildCluster({name: 'v.k8s.local', cloud: 'sim', zones: ['sim-west-3a'], adminAccess: ['192.0.2.0/24']}));
      gossip.cluster.spec.topology = {...gossip.cluster.spec.topology, dns: {type: 'Public'}};
      expect(problems(gossip)).toEqual(['spec.topology.dns.type: is Public, but a .k8s.local cluster publishes no DNS records']);
      const noRecords = withSpec((s) => {
        s.topology = {...s.topology, dns: {type: 'None'}};
        s.api = {dns: {}};
      });
      expect(problems(noRecords)).toEqual(['spec.api.dns: needs DNS records, but this cluster publishes none']);
    });
  });

  describe('network', () => {
    it('checks that CIDRs parse, are IPv4 where required, and name a block exactly', () => {
      expect(problems(withSpec((s) => (s.networkCIDR = '172.20.0.0')))).toContain('spec.networkCIDR: "172.20.0.0" is not a CIDR');
      expect(problems(withSpec((s) => (s.networkCIDR = 'fd00::/48')))).toEqual(['spec.networkCIDR: "fd00::/48" is IPv6; this field takes IPv4 only']);
      const hostBits = withSpec((s) => (s.networkCIDR = '172.20.1.0/16'));
      expect(problems(hostBits)).toEqual(['spec.networkCIDR: "172.20.1.0/16" has bits set beyond its /16 prefix']);
      expect(validateBundle(hostBits).problems[0]?.hint).toBe('did you mean 172.20.0.0/16?');
    });

    it('checks subnets: present, uniquely named, placed, inside the network, disjoint', () => {
      expect(problems(withSpec((s) => (s.subnets = [])))).toContain('spec.subnets: at least one subnet is required');
      expect(problems(withSpec((s) => (s.subnets[4]!.name = 'utility-sim-west-3a')))).toEqual([
        'spec.subnets[4].name: "utility-sim-west-3a" is used by another subnet',
      ]);
      expect(problems(withSpec((s) => delete s.subnets[0]!.zone))).toEqual(['spec.subnets[0]: has neither zone nor region']);
      expect(problems(withSpec((s) => (s.subnets[0]!.cidr = '10.99.0.0/24')))).toEqual([
        'spec.subnets[0].cidr: 10.99.0.0/24 is outside the network (172.20.0.0/16)',
      ]);
      expect(problems(withSpec((s) => (s.subnets[1]!.cidr = '172.20.32.0/20')))).toEqual([
        'spec.subnets[1].cidr: 172.20.32.0/20 overlaps spec.subnets[0].cidr (172.20.32.0/19)',
      ]);
    });

    it('accepts subnets in additionalNetworkCIDRs', () => {
      expect(problems(withSpec((s) => {
        s.additionalNetworkCIDRs = ['10.99.0.0/16'];
        s.subnets[0]!.cidr = '10.99.0.0/24';
      }))).toEqual([]);
    });

    it('keeps the Kubernetes ranges consistent and clear of the network', () => {
      expect(problems(withSpec((s) => (s.serviceClusterIPRange = '10.200.0.0/16')))).toEqual([
        'spec.serviceClusterIPRange: 10.200.0.0/16 must lie inside nonMasqueradeCIDR 100.64.0.0/10',
      ]);
      expect(problems(withSpec((s) => (s.podCIDR = '100.64.0.0/12')))).toEqual([
        'spec.podCIDR: 100.64.0.0/12 overlaps serviceClusterIPRange 100.64.0.0/13',
      ]);
      expect(problems(withSpec((s) => (s.nonMasqueradeCIDR = '172.16.0.0/12')))).toEqual([
        'spec.serviceClusterIPRange: 100.64.0.0/13 must lie inside nonMasqueradeCIDR 172.16.0.0/12',
        'spec.podCIDR: 100.96.0.0/11 must lie inside nonMasqueradeCIDR 172.16.0.0/12',
        'spec.nonMasqueradeCIDR: 172.16.0.0/12 overlaps spec.networkCIDR (172.20.0.0/16)',
      ]);
      // A plugin that gives pods addresses from the network itself may share the range.
      expect(problems(withSpec((s) => {
        s.networking = {amazonvpc: {}};
        s.nonMasqueradeCIDR = '172.20.0.0/16';
        delete s.serviceClusterIPRange;
        delete s.podCIDR;
      }))).toEqual([]);
    });

    it('rejects subnets overlapping the service range', () => {
      expect(problems(withSpec((s) => {
        s.networkCIDR = '100.64.0.0/16';
        s.nonMasqueradeCIDR = '100.64.0.0/10';
        s.networking = {amazonvpc: {}};
        s.subnets = [{name: 'sim-west-3a', zone: 'sim-west-3a', type: 'Private', cidr: '100.64.0.0/19'}];
      }))).toContain('spec.subnets[0].cidr: 100.64.0.0/19 overlaps spec.serviceClusterIPRange (100.64.0.0/13)');
    });

    it('requires CIDRs in access lists, hinting the prefix for a bare address', () => {
      const bundle = withSpec((s) => (s.sshAccess = ['192.0.2.7', '2001:db8::/32']));
      expect(validateBundle(bundle).problems).toEqual([
        {path: 'spec.sshAccess[0]', message: '"192.0.2.7" is not a CIDR', hint: 'add the prefix length, e.g. 192.0.2.7/32'},
      ]);
    });

    it('warns when the API or SSH is open to the whole internet', () => {
      const {problems: found, warnings} = validateBundle(withSpec((s) => {
        s.kubernetesApiAccess = ['0.0.0.0/0', '::/0'];
        s.sshAccess = ['192.0.2.0/24', '::/0'];
      }));
      expect(found).toEqual([]);
      expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
        'spec.kubernetesApiAccess[0]: 0.0.0.0/0 opens the Kubernetes API to the whole internet',
        'spec.sshAccess[1]: ::/0 opens SSH to the whole internet',
      ]);
    });
  });

  describe('zones', () => {
    it('rejects malformed zone names', () => {
      expect(problems(withSpec((s) => (s.subnets[0]!.zone = 'Sim West 3a')))).toEqual(['spec.subnets[0].zone: "Sim West 3a" is not a well-formed zone name']);
    });

    it('requires the zones of a cluster to share a region when the names tell it', () => {
      expect(problems(withSpec((s) => (s.subnets[2]!.zone = 'sim-east-1c')))).toEqual([
        'spec.subnets[2].zone: "sim-east-1c" is in region sim-east-1, but spec.subnets[0].zone is in sim-west-3',
      ]);
      const regional = withGroup('nodes-sim-west-3a', (spec) => (spec.zones = ['sim-east-1-b']));
      expect(problems(regional)).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.zones[0]: "sim-east-1-b" is in region sim-east-1, but spec.subnets[0].zone is in sim-west-3',
      ]);
      // Names without a zone letter say nothing about a region.
      expect(problems(withSpec((s) => (s.subnets[2]!.zone = 'dc7')))).toEqual([]);
    });

    it('hands all zones to a provider zoneValidator instead of the generic checks', () => {
      const seen: string[][] = [];
      const zoneValidator = (zones: string[]) => {
        seen.push(zones);
        return [{path: 'spec.subnets', message: `zone ${zones[0]} is unknown`}];
      };
      const bundle = withSpec((s) => (s.subnets[0]!.zone = 'Not A Zone'));
      expect(problems(bundle, {zoneValidator})).toEqual(['spec.subnets: zone Not A Zone is unknown']);
      expect(seen).toEqual([['Not A Zone', 'sim-west-3b', 'sim-west-3c', 'sim-west-3a']]);
    });
  });

  describe('instance groups', () => {
    it('requires valid, unique names labelled with this cluster', () => {
      expect(problems(withGroup('nodes-sim-west-3a', (_, ig) => (ig.metadata.name = 'Nodes A')))).toEqual([
        'instancegroup/Nodes A: metadata.name: "Nodes A" is not a valid name',
      ]);
      expect(problems(withGroup('nodes-sim-west-3b', (_, ig) => (ig.metadata.name = 'nodes-sim-west-3a')))).toEqual([
        'instancegroup/nodes-sim-west-3a: metadata.name: is used by another instance group',
      ]);
      expect(problems(withGroup('nodes-sim-west-3a', (_, ig) => (ig.metadata.labels = {'kops.k8s.io/cluster': 'other.example.com'})))).toEqual([
        'instancegroup/nodes-sim-west-3a: metadata.labels["kops.k8s.io/cluster"]: names cluster "other.example.com", not "v.example.com"',
      ]);
    });

    it('checks role and sizes', () => {
      expect(problems(withGroup('nodes-sim-west-3a', (spec) => Object.assign(spec, {role: 'Worker'})))).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.role: "Worker" is not a role',
      ]);
      expect(problems(withGroup('nodes-sim-west-3a', (spec) => Object.assign(spec, {minSize: -1, maxSize: 2.5})))).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.minSize: must be a whole number of at least 0, not -1',
        'instancegroup/nodes-sim-west-3a: spec.maxSize: must be a whole number of at least 0, not 2.5',
      ]);
      expect(problems(withGroup('nodes-sim-west-3a', (spec) => Object.assign(spec, {minSize: 4, maxSize: 2})))).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.minSize: 4 is greater than maxSize 2',
      ]);
    });

    it('rejects an empty machine type', () => {
      expect(problems(withGroup('nodes-sim-west-3a', (spec) => (spec.machineType = ' ')))).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.machineType: is empty',
      ]);
    });

    it('requires subnets that exist in the cluster', () => {
      expect(problems(withGroup('nodes-sim-west-3a', (spec) => (spec.subnets = [])))).toEqual(['instancegroup/nodes-sim-west-3a: spec.subnets: names no subnet']);
      const bundle = withGroup('nodes-sim-west-3a', (spec) => (spec.subnets = ['sim-west-3a', 'sim-west-9z']));
      expect(validateBundle(bundle).problems).toEqual([
        {
          path: 'instancegroup/nodes-sim-west-3a: spec.subnets[1]',
          message: '"sim-west-9z" is not a subnet of the cluster',
          hint: 'use one of: sim-west-3a, sim-west-3b, sim-west-3c, utility-sim-west-3a, utility-sim-west-3b, utility-sim-west-3c',
        },
      ]);
    });

    it('checks taints are key[=value]:Effect', () => {
      const bundle = withGroup('nodes-sim-west-3a', (spec) => (spec.taints = ['gpu=true:NoSchedule', 'example.com/spot:NoExecute', 'dedicated=batch', 'x:Sometimes']));
      expect(problems(bundle)).toEqual([
        'instancegroup/nodes-sim-west-3a: spec.taints[2]: "dedicated=batch" is not a taint',
        'instancegroup/nodes-sim-west-3a: spec.taints[3]: "x:Sometimes" is not a taint',
      ]);
    });

    it('requires a control plane', () => {
      const bundle = valid();
      bundle.instanceGroups = bundle.instanceGroups.filter((ig) => ig.spec.role !== 'ControlPlane');
      bundle.cluster.spec.etcdClusters = bundle.cluster.spec.etcdClusters.map((c) => ({...c, etcdMembers: []}));
      expect(problems(bundle)).toEqual([
        'instancegroups: none has role ControlPlane, so the cluster would have no control plane',
        'spec.etcdClusters[0].etcdMembers: is empty',
        'spec.etcdClusters[1].etcdMembers: is empty',
      ]);
    });
  });

  describe('etcd', () => {
    it('requires main and events, each defined once', () => {
      expect(problems(withSpec((s) => (s.etcdClusters = s.etcdClusters.filter((c) => c.name !== 'events'))))).toEqual([
        'spec.etcdClusters: has no "events" cluster',
      ]);
      expect(problems(withSpec((s) => s.etcdClusters.push(structuredClone(s.etcdClusters[0]!))))).toEqual([
        'spec.etcdClusters[2].name: "main" is defined more than once',
      ]);
    });

    it('rejects an even number of members with a hint to use 1, 3 or 5', () => {
      const bundle = withSpec((s) => s.etcdClusters[0]!.etcdMembers.pop());
      expect(validateBundle(bundle).problems).toEqual([
        {
          path: 'spec.etcdClusters[0].etcdMembers',
          message: 'has 2 members; etcd needs an odd number to keep quorum',
          hint: 'use 1, 3 or 5 members, one per control-plane instance group',
        },
      ]);
    });

    it('requires each member on its own existing control-plane group, under a unique name', () => {
      const bundle = withSpec((s) => {
        const [a, b, c] = s.etcdClusters[0]!.etcdMembers;
        a!.instanceGroup = 'nodes-sim-west-3a';
        b!.instanceGroup = 'control-plane-sim-west-9z';
        c!.name = 'a';
        s.etcdClusters[1]!.etcdMembers[1]!.instanceGroup = 'control-plane-sim-west-3a';
      });
      expect(problems(bundle)).toEqual([
        'spec.etcdClusters[0].etcdMembers[0].instanceGroup: "nodes-sim-west-3a" has role Node; etcd members run on ControlPlane groups',
        'spec.etcdClusters[0].etcdMembers[1].instanceGroup: "control-plane-sim-west-9z" is not an instance group of the cluster',
        'spec.etcdClusters[0].etcdMembers[2].name: "a" is used by another member',
        'spec.etcdClusters[1].etcdMembers[1].instanceGroup: "control-plane-sim-west-3a" already holds a member of this etcd cluster',
      ]);
    });
  });
});

describe('assertValid', () => {
  it('returns the warnings of a valid cluster', () => {
    const bundle = withSpec((s) => (s.kubernetesApiAccess = ['0.0.0.0/0']));
    expect(assertValid(bundle).warnings).toHaveLength(1);
  });

  it('throws one ValidationError listing every problem, naming the cluster', () => {
    const bundle = withSpec((s) => {
      s.kubernetesVersion = 'x';
      s.networkCIDR = 'nope';
    });
    expect(() => assertValid(bundle)).toThrow(ValidationError);
    expect(() => assertValid(bundle)).toThrow(
      /^cluster "v\.example\.com": spec\.kubernetesVersion: "x" is not a version \(write a release such as v1\.35\.7\); spec\.networkCIDR: "nope" is not a CIDR/,
    );
  });
});
