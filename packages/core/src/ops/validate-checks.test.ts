import {describe, expect, it} from 'vitest';
import {buildCluster, completeCluster} from '../model/index.js';
import type {CloudInstanceGroup} from '../provider/index.js';
import type {KubeNode, KubePod} from './kubeconfig-client.js';
import {cloudFailures, kubernetesFailures, matchNodes, summarizeInstanceGroups, summarizeNodes} from './validate-checks.js';

// `.k8s.local`: no DNS, so the API sits behind a load balancer. One control plane, one node group, a bastion.
const bundle = completeCluster(
  buildCluster({name: 'val.k8s.local', cloud: 'fake', zones: ['fake-1a'], nodeCount: 2, topology: 'private', bastion: true}),
);
const HEALTHY_LB = {address: '127.0.0.1:6443', healthyTargets: 1, totalTargets: 1};

function healthyCloud(): CloudInstanceGroup[] {
  return [
    {name: 'control-plane-fake-1a', minSize: 1, maxSize: 1, desiredSize: 1, instances: [{id: 'i-cp', status: 'running', needsUpdate: false, nodeName: 'cp'}]},
    {
      name: 'nodes-fake-1a',
      minSize: 2,
      maxSize: 2,
      desiredSize: 2,
      instances: [
        {id: 'i-n1', status: 'running', needsUpdate: false, nodeName: 'n1'},
        // This provider does not know the node name: the node's provider ID ties them.
        {id: 'i-n2', status: 'running', needsUpdate: false},
      ],
    },
    {name: 'bastions', minSize: 1, maxSize: 1, desiredSize: 1, instances: [{id: 'i-b', status: 'running', needsUpdate: false}]},
  ];
}

function healthyNodes(): KubeNode[] {
  return [
    {name: 'cp', ready: true, controlPlane: true, unschedulable: false},
    {name: 'n1', ready: true, controlPlane: false, unschedulable: false},
    {name: 'n2', ready: true, controlPlane: false, unschedulable: false, providerId: 'fake:///fake-1a/i-n2'},
  ];
}

const pod = (name: string, overrides: Partial<KubePod> = {}): KubePod => ({
  namespace: 'kube-system',
  name,
  phase: 'Running',
  ready: true,
  daemonSet: false,
  mirror: false,
  ...overrides,
});

function kubernetes(cloud: CloudInstanceGroup[], nodes: KubeNode[], pods: KubePod[] = [pod('coredns-1')]) {
  return kubernetesFailures(bundle, cloud, matchNodes(bundle, cloud, nodes), pods);
}

describe('cloud checks', () => {
  it('pass when every group runs its desired count and the API load balancer has a healthy target', () => {
    expect(cloudFailures(bundle, healthyCloud(), HEALTHY_LB)).toEqual([]);
  });

  it('report missing groups, groups short of instances (detached ones do not count), and the load balancer', () => {
    const [controlPlane, nodes] = healthyCloud();
    const short: CloudInstanceGroup[] = [
      controlPlane!,
      {...nodes!, instances: [{id: 'i-n1', status: 'running', needsUpdate: false, detached: true}, {id: 'i-n3', status: 'pending', needsUpdate: false}]},
    ];
    expect(cloudFailures(bundle, short, {...HEALTHY_LB, healthyTargets: 0, totalTargets: 2})).toEqual([
      {type: 'InstanceGroup', name: 'bastions', message: 'instance group "bastions" does not exist in the cloud'},
      {type: 'InstanceGroup', name: 'nodes-fake-1a', message: 'instance group "nodes-fake-1a" has 0 of 2 instances running'},
      {type: 'LoadBalancer', name: '127.0.0.1:6443', message: 'the API load balancer has no healthy target (0 of 2)'},
    ]);
    expect(cloudFailures(bundle, healthyCloud(), undefined)).toEqual([
      {type: 'LoadBalancer', name: 'api', message: 'the API load balancer does not exist'},
    ]);
  });

  it('summarize the groups as the instance-group table shows them', () => {
    expect(summarizeInstanceGroups(bundle, healthyCloud().slice(0, 2)).map((g) => [g.name, g.role, g.minSize, g.desired, g.running])).toEqual([
      ['bastions', 'Bastion', 1, 1, 0],
      ['control-plane-fake-1a', 'ControlPlane', 1, 1, 1],
      ['nodes-fake-1a', 'Node', 2, 2, 2],
    ]);
  });
});

describe('Kubernetes checks', () => {
  it('pass when every machine has joined, nodes are Ready in the right numbers and kube-system pods run', () => {
    expect(kubernetes(healthyCloud(), healthyNodes(), [pod('coredns-1'), pod('job-1', {phase: 'Succeeded', ready: false})])).toEqual([]);
  });

  it('tie nodes to instances by node name or provider ID, and to groups by label otherwise', () => {
    const nodes = [...healthyNodes(), {name: 'stray', ready: false, controlPlane: false, unschedulable: false, instanceGroup: 'nodes-fake-1a'}];
    expect(summarizeNodes(matchNodes(bundle, healthyCloud(), nodes))).toEqual([
      {name: 'cp', role: 'ControlPlane', ready: true, instanceGroup: 'control-plane-fake-1a', instanceId: 'i-cp'},
      {name: 'n1', role: 'Node', ready: true, instanceGroup: 'nodes-fake-1a', instanceId: 'i-n1'},
      {name: 'n2', role: 'Node', ready: true, instanceGroup: 'nodes-fake-1a', instanceId: 'i-n2'},
      {name: 'stray', role: 'Node', ready: false, instanceGroup: 'nodes-fake-1a'},
    ]);
  });

  it('report machines that have not joined, nodes not Ready, and groups short of Ready nodes', () => {
    const [cp, , n2] = healthyNodes();
    const nodes = [cp!, {...n2!, ready: false}];
    expect(kubernetes(healthyCloud(), nodes)).toEqual([
      {type: 'Machine', name: 'i-n1', message: 'machine "i-n1" of instance group "nodes-fake-1a" has not joined the cluster'},
      {type: 'Node', name: 'n2', message: 'worker node "n2" is not ready'},
      {type: 'InstanceGroup', name: 'nodes-fake-1a', message: 'instance group "nodes-fake-1a" has 0 of 2 nodes ready'},
    ]);
  });

  it('report kube-system pods that are not running or not ready', () => {
    const pods = [pod('etcd-cp', {phase: 'Pending', ready: false}), pod('coredns-2', {ready: false}), pod('kube-proxy-x', {phase: 'Failed', ready: false})];
    expect(kubernetes(healthyCloud(), healthyNodes(), pods)).toEqual([
      {type: 'Pod', name: 'kube-system/etcd-cp', message: 'kube-system pod "etcd-cp" is pending'},
      {type: 'Pod', name: 'kube-system/coredns-2', message: 'kube-system pod "coredns-2" is not ready'},
      {type: 'Pod', name: 'kube-system/kube-proxy-x', message: 'kube-system pod "kube-proxy-x" is failed'},
    ]);
  });
});
