import type {ClusterObjects, SimNode} from './cluster-objects.js';
import {objectKey, randomSuffix} from './object-meta.js';

const NAMESPACE = 'kube-system';
/** The static pods kubeadm runs on every control plane; the API shows them as mirror pods. */
const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'];
/** The DaemonSet each network plugin runs on every node (kubenet runs none). */
const NETWORK_DAEMON_SETS: Readonly<Record<string, string | undefined>> = {
  cilium: 'cilium',
  calico: 'calico-node',
  canal: 'canal',
  flannel: 'kube-flannel-ds',
  kuberouter: 'kube-router',
  amazonvpc: 'aws-node',
  kubenet: undefined,
};
const TOLERATE_EVERYTHING = [{operator: 'Exists'}];

export interface SystemPodOptions {
  readonly kubernetesVersion: string;
  /** The key of `spec.networking`, when known; unknown plugins run a generic `cni-node` DaemonSet. */
  readonly networkPlugin?: string;
}

/**
 * Makes every node run what a kubeadm cluster runs on it: the control-plane components' mirror pods on control
 * planes, kube-proxy and the network plugin's pod everywhere. Run on every sync, so a deleted or evicted system
 * pod comes back, as the kubelet and the DaemonSet controller would bring it back.
 */
export function ensureNodePods(objects: ClusterObjects, options: SystemPodOptions): void {
  const plugin = options.networkPlugin ?? '';
  const networkDaemonSet = Object.hasOwn(NETWORK_DAEMON_SETS, plugin) ? NETWORK_DAEMON_SETS[plugin] : 'cni-node';
  for (const node of objects.nodes.values()) {
    if (node.controlPlane) {
      for (const component of CONTROL_PLANE_COMPONENTS) ensureMirrorPod(objects, node, component, options.kubernetesVersion);
    }
    ensureDaemonSetPod(objects, node, 'kube-proxy', `registry.k8s.io/kube-proxy:${options.kubernetesVersion}`);
    if (networkDaemonSet) ensureDaemonSetPod(objects, node, networkDaemonSet, `${networkDaemonSet}:simulated`);
  }
}

/** CoreDNS's two replicas, made once when the cluster is created; the scheduler places them. */
export function createCoreDns(objects: ClusterObjects): void {
  const hash = randomSuffix(10);
  const owner = objects.controllerReference('ReplicaSet', `coredns-${hash}`);
  for (let replica = 0; replica < 2; replica += 1) {
    objects.addPod(objects.newMeta({
      name: `${owner.name}-${randomSuffix()}`,
      namespace: NAMESPACE,
      generateName: `${owner.name}-`,
      labels: {'k8s-app': 'kube-dns', 'pod-template-hash': hash},
      ownerReferences: [owner],
    }), {
      containers: [{name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.1'}],
      priorityClassName: 'system-cluster-critical',
      tolerations: [{key: 'CriticalAddonsOnly', operator: 'Exists'}, {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}],
    });
  }
}

function ensureMirrorPod(objects: ClusterObjects, node: SimNode, component: string, version: string): void {
  const name = `${component}-${node.metadata.name}`;
  if (objects.pods.has(objectKey(NAMESPACE, name))) return;
  const image = component === 'etcd' ? 'registry.k8s.io/etcd:3.6.5-0' : `registry.k8s.io/${component}:${version}`;
  objects.addPod(objects.newMeta({
    name,
    namespace: NAMESPACE,
    labels: {component, tier: 'control-plane'},
    annotations: {'kubernetes.io/config.mirror': randomSuffix(16), 'kubernetes.io/config.source': 'file'},
    ownerReferences: [{apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, controller: true}],
  }), {
    nodeName: node.metadata.name,
    hostNetwork: true,
    containers: [{name: component, image}],
    priorityClassName: 'system-node-critical',
    tolerations: [{operator: 'Exists', effect: 'NoExecute'}],
  });
}

function ensureDaemonSetPod(objects: ClusterObjects, node: SimNode, daemonSet: string, image: string): void {
  const running = objects.podsOn(node.metadata.name).some((pod) =>
    pod.metadata.ownerReferences?.some((owner) => owner.kind === 'DaemonSet' && owner.name === daemonSet));
  if (running) return;
  objects.addPod(objects.newMeta({
    name: `${daemonSet}-${randomSuffix()}`,
    namespace: NAMESPACE,
    generateName: `${daemonSet}-`,
    labels: {'k8s-app': daemonSet, 'pod-template-generation': '1'},
    ownerReferences: [objects.controllerReference('DaemonSet', daemonSet)],
  }), {
    nodeName: node.metadata.name,
    hostNetwork: true,
    containers: [{name: daemonSet, image}],
    priorityClassName: 'system-node-critical',
    tolerations: TOLERATE_EVERYTHING,
  });
}
