import {KopsxError} from '../errors.js';
import type {NetworkingSpec} from '../model/index.js';
import {shellQuote} from './shell-quote.js';

/** How the cluster's network plugin gets onto it. */
export interface NetworkPlugin {
  /** The key of `spec.networking`. */
  readonly name: string;
  /** Bash lines the first control plane runs after `kubeadm init`, with the admin's KUBECONFIG. */
  readonly installCommands: readonly string[];
  /**
   * kubenet has nothing to install: containerd writes each node's CNI configuration from the pod range the
   * controller manager gives the node, and the cloud's route table carries traffic between nodes.
   */
  readonly containerdTemplate: boolean;
}

/**
 * Pinned releases of the plugins kopsx installs from their projects' own manifests, the versions kOps ships
 * (2026). Bumping one is a one-line change here; the manifests are applied unmodified except for flannel's
 * built-in pod range, which is replaced with the cluster's.
 */
const MANIFESTS: Readonly<Record<string, {readonly url: string; readonly defaultPodRange?: string}>> = {
  calico: {url: 'https://raw.githubusercontent.com/projectcalico/calico/v3.31.6/manifests/calico.yaml'},
  canal: {
    url: 'https://raw.githubusercontent.com/projectcalico/calico/v3.31.6/manifests/canal.yaml',
    defaultPodRange: '10.244.0.0/16',
  },
  flannel: {
    url: 'https://github.com/flannel-io/flannel/releases/download/v0.28.9/kube-flannel.yml',
    defaultPodRange: '10.244.0.0/16',
  },
  kuberouter: {url: 'https://raw.githubusercontent.com/cloudnativelabs/kube-router/v2.11.1/daemonset/kubeadm-kuberouter.yaml'},
};

const CILIUM_VERSION = '1.18.12';
/** Cilium's own command-line installer (Cilium's documented, helm-free install), verified by its checksum. */
const CILIUM_CLI = 'https://github.com/cilium/cilium-cli/releases/download';
const CILIUM_CLI_STABLE = 'https://raw.githubusercontent.com/cilium/cilium-cli/main/stable.txt';

/** The user installs the plugin themselves (kOps' meaning of these keys). */
const USER_INSTALLED = ['cni', 'external'];

export const BOOTSTRAP_NETWORK_PLUGINS: readonly string[] = ['cilium', ...Object.keys(MANIFESTS), 'kubenet', ...USER_INSTALLED];

export interface NetworkPluginOptions {
  readonly networking: NetworkingSpec | undefined;
  readonly podCIDR: string;
  /** The provider's install commands for its cloud's own plugin (amazonvpc, gce); they replace the table. */
  readonly providerCommands?: readonly string[];
}

export function networkPluginFor(options: NetworkPluginOptions): NetworkPlugin {
  const name = Object.keys(options.networking ?? {})[0] ?? '';
  if (options.providerCommands) return {name, installCommands: options.providerCommands, containerdTemplate: false};
  if (name === 'kubenet') return {name, installCommands: [], containerdTemplate: true};
  if (USER_INSTALLED.includes(name)) return {name, installCommands: [], containerdTemplate: false};
  if (name === 'cilium') return {name, installCommands: ciliumInstall(), containerdTemplate: false};
  const manifest = MANIFESTS[name];
  if (!manifest) {
    throw new KopsxError(
      `node bootstrap cannot install the network plugin "${name}"`,
      'UnsupportedNetworking',
      `use one of ${BOOTSTRAP_NETWORK_PLUGINS.join(', ')} in spec.networking, or a cloud provider that installs "${name}"`,
    );
  }
  return {name, installCommands: manifestInstall(manifest.url, manifest.defaultPodRange, options.podCIDR), containerdTemplate: false};
}

function manifestInstall(url: string, defaultPodRange: string | undefined, podCIDR: string): string[] {
  if (defaultPodRange === undefined) return [`retry kubectl apply -f ${shellQuote(url)}`];
  const file = '/etc/kopsx/network-plugin.yaml';
  return [
    `retry curl -fsSL -o ${file} ${shellQuote(url)}`,
    `sed -i ${shellQuote(`s#${defaultPodRange}#${podCIDR}#g`)} ${file}`,
    `retry kubectl apply -f ${file}`,
  ];
}

function ciliumInstall(): string[] {
  return [
    `cli_version=$(retry curl -fsSL ${CILIUM_CLI_STABLE})`,
    'cli_tarball="cilium-linux-$(dpkg --print-architecture).tar.gz"',
    `retry curl -fsSL -o "/tmp/$cli_tarball" "${CILIUM_CLI}/$cli_version/$cli_tarball"`,
    `retry curl -fsSL -o "/tmp/$cli_tarball.sha256sum" "${CILIUM_CLI}/$cli_version/$cli_tarball.sha256sum"`,
    '(cd /tmp && sha256sum --check "$cli_tarball.sha256sum")',
    'tar -xzf "/tmp/$cli_tarball" -C /usr/local/bin cilium',
    // Kubernetes IPAM: pods get addresses from each node's share of the cluster's pod range, as kubeadm assigns it.
    // Not retried: a half-done install makes a second `cilium install` fail for a different reason.
    `cilium install --version ${CILIUM_VERSION} --set ipam.mode=kubernetes`,
  ];
}
