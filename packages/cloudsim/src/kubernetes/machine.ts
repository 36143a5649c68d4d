import type {Instance} from '../aws/ec2/ec2-state.js';
import {CONTROL_PLANE_TAINT, readKubeadmNode, type Taint} from './kubeadm-config.js';
import {claimedLabels} from './label-claims.js';
import {cloudConfigFiles, type WrittenFile} from './user-data.js';

/** A CA certificate and its private key, PEM. */
export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What an instance becomes in its cluster: the node it registers. */
export interface Machine {
  readonly controlPlane: boolean;
  /** The cluster CA this machine's `kubeadm init` uses: only the first control plane's user-data carries it. */
  readonly ca?: PemPair;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly kubernetesVersion?: string;
  /** The network plugin the machine installs (the first control plane does), when its bootstrap says. */
  readonly networkPlugin?: string;
}

export const CLUSTER_TAG = 'KubernetesCluster';
const INSTANCE_GROUP = 'kops.k8s.io/instancegroup';
/** Cluster-autoscaler's convention for the labels an Auto Scaling group's nodes will carry. */
const TEMPLATE_LABEL_PREFIX = 'k8s.io/cluster-autoscaler/node-template/label/';

// User-data never changes on an instance: read each instance's once.
const fromUserData = new WeakMap<Instance, Machine | null>();

/**
 * The node an instance registers, or undefined when it is none (a bastion, a foreign machine). Read from the
 * kubeadm configuration in its cloud-config user-data; without one, from its tags (`k8s.io/role/control-plane`
 * or `k8s.io/role/master` → control plane, `k8s.io/role/node` → worker). Labels also come from the tags
 * `kops.k8s.io/instancegroup` and `k8s.io/cluster-autoscaler/node-template/label/<key>`, under what the
 * machine sets itself.
 */
export function readMachine(instance: Instance): Machine | undefined {
  let parsed = fromUserData.get(instance);
  if (parsed === undefined) {
    parsed = machineFromUserData(instance.userData) ?? null;
    fromUserData.set(instance, parsed);
  }
  const tagLabels = labelsFromTags(instance.tags);
  if (parsed) return {...parsed, labels: {...tagLabels, ...parsed.labels}};
  const role = roleFromTags(instance.tags);
  if (!role) return undefined;
  const controlPlane = role === 'control-plane';
  return {controlPlane, labels: tagLabels, taints: controlPlane ? [CONTROL_PLANE_TAINT] : []};
}

function machineFromUserData(userData: string | undefined): Machine | undefined {
  const files = cloudConfigFiles(userData);
  const kubeadm = files && readKubeadmNode(files);
  if (!files || !kubeadm) return undefined;
  const ca = caOf(files);
  const networkPlugin = networkPluginOf(files);
  return {
    controlPlane: kubeadm.controlPlane,
    labels: {...kubeadm.labels, ...claimedLabels(files, {controlPlane: kubeadm.controlPlane})},
    taints: kubeadm.taints,
    ...(ca ? {ca} : {}),
    ...(kubeadm.kubernetesVersion ? {kubernetesVersion: kubeadm.kubernetesVersion} : {}),
    ...(networkPlugin ? {networkPlugin} : {}),
  };
}

/** Where `kubeadm init` finds a pre-made cluster CA. */
function caOf(files: readonly WrittenFile[]): PemPair | undefined {
  const certPem = files.find((file) => file.path === '/etc/kubernetes/pki/ca.crt')?.content;
  const keyPem = files.find((file) => file.path === '/etc/kubernetes/pki/ca.key')?.content;
  return certPem && keyPem ? {certPem, keyPem} : undefined;
}

/** kopsx's bootstrap announces the plugin it installs: `kopsx: installing the network plugin (cilium)`. */
function networkPluginOf(files: readonly WrittenFile[]): string | undefined {
  for (const file of files) {
    const match = /installing the network plugin \(([\w-]+)\)/.exec(file.content);
    if (match) return match[1];
  }
  return undefined;
}

function roleFromTags(tags: ReadonlyMap<string, string>): 'control-plane' | 'node' | undefined {
  if (tags.has('k8s.io/role/control-plane') || tags.has('k8s.io/role/master')) return 'control-plane';
  if (tags.has('k8s.io/role/node')) return 'node';
  return undefined;
}

function labelsFromTags(tags: ReadonlyMap<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of tags) {
    if (key.startsWith(TEMPLATE_LABEL_PREFIX)) labels[key.slice(TEMPLATE_LABEL_PREFIX.length)] = value;
  }
  const group = tags.get(INSTANCE_GROUP);
  if (group !== undefined) labels[INSTANCE_GROUP] = group;
  return labels;
}
