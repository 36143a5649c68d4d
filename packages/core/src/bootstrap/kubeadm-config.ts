/**
 * kubeadm's configuration files (`kubeadm.k8s.io/v1beta4`), one per thing a machine may run: `kubeadm init` on
 * the first control plane, `kubeadm join` everywhere else, and the hourly re-upload of the control-plane
 * certificates. They hold the join secrets, so the bootstrap writes them 0600.
 */
import yaml from 'js-yaml';
import type {Taint} from '../model/index.js';
import {CONTAINERD_SOCKET} from './host-files.js';
import {formatLabels} from './node-labels.js';
import type {JoinMaterial} from './user-data-options.js';

const KUBEADM_API = 'kubeadm.k8s.io/v1beta4';
/**
 * The API server listens on 443 on every control plane, as in kOps, so `api.internal.<name>` records that point
 * straight at the machines work without a port translation, and load balancers forward 443 to 443.
 */
export const API_SERVER_PORT = 443;
/** kubeadm's group for tokens that may join nodes (it grants them the node-bootstrap roles). */
const NODE_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';

/** What every kubeadm file for one machine shares. */
export interface KubeadmMachine {
  readonly clusterName: string;
  /** `v1.35.7` */
  readonly kubernetesVersion: string;
  /** Host name (or address) of the API: a load balancer's or `api.internal.<cluster>`. */
  readonly apiEndpoint: string;
  readonly join: JoinMaterial;
  /** Labels the kubelet sets when it registers the node. */
  readonly kubeletLabels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** The kubelet and controller manager leave cloud matters to the provider's cloud controller manager. */
  readonly externalCloudProvider: boolean;
}

export interface InitConfigOptions extends KubeadmMachine {
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  /** Names the API server's certificate must also be valid for (public API name, ...). */
  readonly apiServerNames: readonly string[];
  /** etcd's data directory, when it lives on a volume the provider attached; kubeadm's default otherwise. */
  readonly etcdDataDir?: string;
}

/** InitConfiguration, ClusterConfiguration and KubeletConfiguration for `kubeadm init --upload-certs`. */
export function initConfig(options: InitConfigOptions): string {
  const init = {
    apiVersion: KUBEADM_API,
    kind: 'InitConfiguration',
    bootstrapTokens: [
      {
        token: options.join.bootstrapToken,
        description: `kopsx: joins nodes to ${options.clusterName}`,
        // Never expires: instance groups grow and replace machines for the cluster's whole life (docs/security.md).
        ttl: '0s',
        usages: ['signing', 'authentication'],
        groups: [NODE_TOKEN_GROUP],
      },
    ],
    certificateKey: options.join.certificateKey,
    localAPIEndpoint: {bindPort: API_SERVER_PORT},
    nodeRegistration: nodeRegistration(options),
  };
  const cluster = {
    apiVersion: KUBEADM_API,
    kind: 'ClusterConfiguration',
    clusterName: options.clusterName,
    kubernetesVersion: options.kubernetesVersion,
    controlPlaneEndpoint: `${options.apiEndpoint}:${API_SERVER_PORT}`,
    networking: {podSubnet: options.podSubnet, serviceSubnet: options.serviceSubnet},
    apiServer: {certSANs: [...options.apiServerNames]},
    ...(options.externalCloudProvider ? {controllerManager: {extraArgs: [{name: 'cloud-provider', value: 'external'}]}} : {}),
    ...(options.etcdDataDir ? {etcd: {local: {dataDir: options.etcdDataDir}}} : {}),
  };
  const kubelet = {apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', cgroupDriver: 'systemd'};
  return documents([init, cluster, kubelet]);
}

/** JoinConfiguration: with `controlPlane` set the machine joins as a control plane, fetching the certificates. */
export function joinConfig(options: KubeadmMachine & {readonly controlPlane: boolean}): string {
  const join = {
    apiVersion: KUBEADM_API,
    kind: 'JoinConfiguration',
    discovery: {
      bootstrapToken: {
        apiServerEndpoint: `${options.apiEndpoint}:${API_SERVER_PORT}`,
        token: options.join.bootstrapToken,
        caCertHashes: [options.join.caCertHash],
      },
    },
    nodeRegistration: nodeRegistration(options),
    ...(options.controlPlane
      ? {controlPlane: {localAPIEndpoint: {bindPort: API_SERVER_PORT}, certificateKey: options.join.certificateKey}}
      : {}),
  };
  return documents([join]);
}

/**
 * What `kubeadm init phase upload-certs` needs to put the control-plane certificates back in the cluster,
 * encrypted with the certificate key. kubeadm deletes them two hours after each upload, so control planes
 * re-upload them hourly: a control plane that replaces another, months later, can still join.
 */
export function uploadCertsConfig(options: Pick<KubeadmMachine, 'kubernetesVersion' | 'apiEndpoint' | 'join'>): string {
  return documents([
    {
      apiVersion: KUBEADM_API,
      kind: 'InitConfiguration',
      certificateKey: options.join.certificateKey,
      nodeRegistration: {criSocket: CONTAINERD_SOCKET},
    },
    {
      apiVersion: KUBEADM_API,
      kind: 'ClusterConfiguration',
      kubernetesVersion: options.kubernetesVersion,
      controlPlaneEndpoint: `${options.apiEndpoint}:${API_SERVER_PORT}`,
    },
  ]);
}

function nodeRegistration(options: KubeadmMachine) {
  const labels = formatLabels(options.kubeletLabels);
  const kubeletExtraArgs = [
    ...(labels ? [{name: 'node-labels', value: labels}] : []),
    ...(options.externalCloudProvider ? [{name: 'cloud-provider', value: 'external'}] : []),
  ];
  return {
    criSocket: CONTAINERD_SOCKET,
    ...(kubeletExtraArgs.length > 0 ? {kubeletExtraArgs} : {}),
    // kubeadm registers the node with exactly these (for control planes it adds none of its own when set).
    ...(options.taints.length > 0 ? {taints: options.taints.map((t) => ({...t}))} : {}),
  };
}

function documents(docs: readonly object[]): string {
  return docs.map((doc) => yaml.dump(doc, {noArrayIndent: true, lineWidth: -1, noRefs: true})).join('---\n');
}
