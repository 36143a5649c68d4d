import {CONTROL_PLANE_TAINT, readKubeadmNode, type Taint} from './kubeadm-config.js';
import {claimedLabels} from './label-claims.js';
import type {CloudMachine} from './machine-cloud.js';
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

// User-data never changes on an instance: read each instance's once.
const fromUserData = new WeakMap<object, Machine | null>();

/**
 * The node a cloud machine registers, or undefined when it is none (a bastion, a foreign machine). Read from
 * the kubeadm configuration in its cloud-config user-data; without one, from the role its cloud tags or labels
 * state. Labels its cloud states come under what the machine sets itself.
 */
export function readMachine(cloudMachine: CloudMachine): Machine | undefined {
  let parsed = fromUserData.get(cloudMachine.identity);
  if (parsed === undefined) {
    parsed = machineFromUserData(cloudMachine.userData()) ?? null;
    fromUserData.set(cloudMachine.identity, parsed);
  }
  if (parsed) return {...parsed, labels: {...cloudMachine.labels, ...parsed.labels}};
  const {role} = cloudMachine;
  if (!role) return undefined;
  const controlPlane = role === 'control-plane';
  return {controlPlane, labels: cloudMachine.labels, taints: controlPlane ? [CONTROL_PLANE_TAINT] : []};
}

function machineFromUserData(userData: Buffer | undefined): Machine | undefined {
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
