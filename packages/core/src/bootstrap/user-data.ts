import {KopsxError, ValidationError} from '../errors.js';
import type {Cluster, InstanceGroup, Taint} from '../model/index.js';
import {parseTaint} from '../model/parse-taint.js';
import {checkApiNames, checkJoinMaterial} from './bootstrap-inputs.js';
import {bootstrapRoleOf, type BootstrapRole} from './bootstrap-role.js';
import {BOOTSTRAP_SCRIPT, KUBEADM_INIT_CONFIG, KUBEADM_JOIN_CONFIG, bootstrapScript} from './bootstrap-script.js';
import {caFiles} from './ca-files.js';
import {renderCloudConfig} from './cloud-config.js';
import {UPLOAD_CERTS_CONFIG, controlPlaneServiceFiles} from './control-plane-services.js';
import {etcdDataDir} from './etcd-volume.js';
import {fitUserData} from './fit-user-data.js';
import {containerdFiles, kernelFiles, type HostFile} from './host-files.js';
import {initConfig, joinConfig, uploadCertsConfig, type KubeadmMachine} from './kubeadm-config.js';
import {kubernetesRelease} from './kubernetes-release.js';
import {networkPluginFor} from './network-plugin.js';
import {nodeLabelsOf} from './node-labels.js';
import type {UserData, UserDataOptions} from './user-data-options.js';

const CONTROL_PLANE_TAINT: Taint = {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'};

/**
 * Cloud-init user-data for the machines of one instance group. The same on every cloud: what differs comes in
 * through the options (metadata lockdown, etcd volume, size limit). Roles:
 *
 * - first control plane (see `firstControlPlaneGroup`): `kubeadm init` with the cluster's own CAs, then the
 *   network plugin; the only user-data with CA private keys;
 * - other control planes: `kubeadm join --control-plane`, fetching the certificates with the certificate key;
 * - nodes: `kubeadm join` with the bootstrap token, pinning the CA by its hash;
 * - bastions: no Kubernetes, only hardening.
 *
 * Deterministic: the same options give the same bytes. Throws KopsxError for inputs that cannot boot a machine,
 * and UserDataTooLargeError when even the gzipped document exceeds `maxBytes`.
 */
export function renderUserData(options: UserDataOptions): UserData {
  const {group, role} = bootstrapRoleOf(options.bundle, options.instanceGroup);
  const document =
    role === 'bastion'
      ? renderCloudConfig({bootcmd: [...(options.preKubeadmCommands ?? [])], files: [], runcmd: [], upgradePackages: true})
      : kubernetesMachine(options, group, role);
  return fitUserData(document, {instanceGroup: group.metadata.name, maxBytes: options.maxBytes});
}

function kubernetesMachine(options: UserDataOptions, group: InstanceGroup, role: Exclude<BootstrapRole, 'bastion'>): string {
  const {cluster} = options.bundle;
  const {spec} = cluster;
  const clusterName = cluster.metadata.name;
  const controlPlane = role !== 'node';
  const join = checkJoinMaterial(options.join, group.metadata.name);
  const apiServerNames = apiServerNamesOf(cluster, options.apiEndpoint, options.additionalApiNames ?? []);
  checkApiNames(apiServerNames);
  const release = kubernetesRelease(required(cluster, 'kubernetesVersion'));
  const podCIDR = required(cluster, 'podCIDR');
  const labels = nodeLabelsOf(group);
  const plugin = networkPluginFor({networking: spec.networking, podCIDR, providerCommands: options.networkPluginCommands});
  const etcdVolume = controlPlane ? options.etcdVolume : undefined;

  const machine: KubeadmMachine = {
    clusterName,
    kubernetesVersion: release.version,
    apiEndpoint: options.apiEndpoint,
    join,
    kubeletLabels: labels.kubelet,
    taints: taintsOf(group, {controlPlane}),
    externalCloudProvider: options.externalCloudProvider ?? false,
  };
  const roleFiles: HostFile[] = [];
  if (role === 'first-control-plane') {
    const init = initConfig({
      ...machine,
      podSubnet: podCIDR,
      serviceSubnet: required(cluster, 'serviceClusterIPRange'),
      apiServerNames,
      ...(etcdVolume ? {etcdDataDir: etcdDataDir(etcdVolume)} : {}),
    });
    roleFiles.push({path: KUBEADM_INIT_CONFIG, content: init, permissions: '0600'});
    roleFiles.push(...caFiles(requiredCaMaterial(options, group)));
  }
  roleFiles.push({path: KUBEADM_JOIN_CONFIG, content: joinConfig({...machine, controlPlane}), permissions: '0600'});
  if (controlPlane) {
    roleFiles.push({path: UPLOAD_CERTS_CONFIG, content: uploadCertsConfig(machine), permissions: '0600'});
    roleFiles.push(...controlPlaneServiceFiles());
  }

  const script = bootstrapScript({
    role,
    clusterName,
    instanceGroup: group.metadata.name,
    release,
    apiEndpoint: options.apiEndpoint,
    restrictedLabels: labels.restricted,
    ...(etcdVolume ? {etcdVolume} : {}),
    networkPlugin: plugin,
    postInitCommands: options.postInitCommands ?? [],
  });
  return renderCloudConfig({
    bootcmd: [...(options.preKubeadmCommands ?? [])],
    files: [
      ...kernelFiles(),
      ...containerdFiles({kubenet: plugin.containerdTemplate}),
      ...roleFiles,
      {path: BOOTSTRAP_SCRIPT, content: script, permissions: '0700'},
    ],
    runcmd: [[BOOTSTRAP_SCRIPT]],
    upgradePackages: false,
  });
}

/**
 * The endpoint first, then every other name clients may use: kOps' DNS names when the cluster has DNS, the
 * public names the spec sets, and what the provider adds (e.g. a public load balancer's name).
 */
function apiServerNamesOf(cluster: Cluster, endpoint: string, additional: readonly string[]): string[] {
  const {spec, metadata} = cluster;
  const dnsNames = spec.topology?.dns?.type === 'None' ? [] : [`api.${metadata.name}`, `api.internal.${metadata.name}`];
  const specNames = [spec.masterPublicName, spec.masterInternalName, spec.api?.publicName].filter((n) => n !== undefined);
  return [...new Set([endpoint, ...dnsNames, ...specNames, ...additional])];
}

/** The group's taints; control planes also keep Kubernetes' own control-plane taint. */
function taintsOf(group: InstanceGroup, options: {readonly controlPlane: boolean}): Taint[] {
  const taints = (group.spec.taints ?? []).map((text, i) => {
    const taint = parseTaint(text);
    if (!taint) {
      throw new ValidationError(
        [{path: `spec.taints[${i}]`, message: `"${text}" is not a taint`, hint: 'write key[=value]:Effect, e.g. dedicated=gpu:NoSchedule'}],
        `instance group "${group.metadata.name}"`,
      );
    }
    return taint;
  });
  const own = taints.some((t) => t.key === CONTROL_PLANE_TAINT.key && t.effect === CONTROL_PLANE_TAINT.effect);
  return options.controlPlane && !own ? [CONTROL_PLANE_TAINT, ...taints] : taints;
}

function required(cluster: Cluster, field: 'kubernetesVersion' | 'podCIDR' | 'serviceClusterIPRange'): string {
  const value = cluster.spec[field];
  if (value) return value;
  throw new KopsxError(
    `cluster "${cluster.metadata.name}" has no spec.${field}`,
    'IncompleteCluster',
    'render user-data from the completed spec (completeCluster)',
  );
}

function requiredCaMaterial(options: UserDataOptions, group: InstanceGroup) {
  if (options.caMaterial) return options.caMaterial;
  throw new KopsxError(
    `instance group "${group.metadata.name}" creates the cluster and needs the CA keys`,
    'InvalidBootstrapInput',
    'this is a fault in the cloud provider plugin: pass caMaterial for the first control plane',
  );
}
