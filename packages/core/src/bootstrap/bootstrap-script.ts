/**
 * The bash script cloud-init runs once per machine (`/usr/local/sbin/kopsx-bootstrap`): prepare the host, install
 * containerd and the cluster's exact Kubernetes packages, then create or join the cluster as the role says.
 * It never traces its commands (`set -x`): the kubeadm files it reads hold secrets. Its output goes to
 * /var/log/cloud-init-output.log.
 */
import type {BootstrapRole} from './bootstrap-role.js';
import {CONTROL_PLANE_TIMERS, NODE_LABEL_CLAIMS_ANNOTATION} from './control-plane-services.js';
import {etcdDataDir, mountEtcdVolume} from './etcd-volume.js';
import {API_SERVER_PORT} from './kubeadm-config.js';
import type {KubernetesRelease} from './kubernetes-release.js';
import type {NetworkPlugin} from './network-plugin.js';
import {formatLabels} from './node-labels.js';
import {shellQuote} from './shell-quote.js';
import type {EtcdVolume} from './user-data-options.js';

export const BOOTSTRAP_SCRIPT = '/usr/local/sbin/kopsx-bootstrap';
export const KUBEADM_INIT_CONFIG = '/etc/kopsx/kubeadm-init.yaml';
export const KUBEADM_JOIN_CONFIG = '/etc/kopsx/kubeadm-join.yaml';
const APT_KEYRING = '/etc/apt/keyrings/kubernetes-apt-keyring.gpg';

export interface BootstrapScriptOptions {
  readonly role: Exclude<BootstrapRole, 'bastion'>;
  readonly clusterName: string;
  readonly instanceGroup: string;
  readonly release: KubernetesRelease;
  readonly apiEndpoint: string;
  /** Labels set through the API once the node exists (see node-labels.ts). */
  readonly restrictedLabels: Readonly<Record<string, string>>;
  readonly etcdVolume?: EtcdVolume;
  readonly networkPlugin: NetworkPlugin;
  readonly postInitCommands: readonly string[];
}

export function bootstrapScript(options: BootstrapScriptOptions): string {
  const {role} = options;
  const controlPlane = role !== 'node';
  const body = [
    ...preamble(options),
    ...section('preparing the host', prepareHost()),
    ...section(`installing containerd and Kubernetes ${options.release.version}`, installPackages(options.release)),
    ...(controlPlane && options.etcdVolume ? section('mounting the etcd volume', mountEtcdVolume(options.etcdVolume)) : []),
    ...(role === 'first-control-plane' ? createOrJoin(options) : []),
    ...(role === 'control-plane' ? joinControlPlane(options) : []),
    ...(role === 'node' ? joinNode(options) : []),
    ...(controlPlane ? section('labelling this control plane and starting its timers', startTimers(options)) : []),
    'echo "kopsx: bootstrap complete"',
  ];
  return `${body.join('\n')}\n`;
}

function preamble(options: BootstrapScriptOptions): string[] {
  const health = shellQuote(`https://${options.apiEndpoint}:${API_SERVER_PORT}/healthz`);
  return [
    '#!/bin/bash',
    `# kopsx bootstrap: ${options.role} of instance group ${options.instanceGroup}, cluster ${options.clusterName}.`,
    'set -o errexit -o nounset -o pipefail',
    'export DEBIAN_FRONTEND=noninteractive',
    'node_name=$(hostname | tr "[:upper:]" "[:lower:]") # the name kubeadm registers the node under',
    '',
    '# For what depends on the network or the API server: 30 tries, 10 seconds apart.',
    'retry() {',
    '  local attempt=1',
    '  until "$@"; do',
    '    if [ "$attempt" -ge 30 ]; then echo "kopsx: giving up on $1" >&2; return 1; fi',
    '    attempt=$((attempt + 1))',
    '    sleep 10',
    '  done',
    '}',
    'apt_get() { retry apt-get -q -y -o DPkg::Lock::Timeout=600 "$@"; }',
    // Anonymous users may read /healthz on a kubeadm cluster.
    `api_answers() { curl -fsk --max-time 5 ${health} >/dev/null; }`,
    'wait_for_api() {',
    '  local attempt=1',
    '  until api_answers; do',
    `    if [ "$attempt" -ge 180 ]; then echo "kopsx: ${health} did not answer within 30 minutes" >&2; return 1; fi`,
    '    attempt=$((attempt + 1))',
    '    sleep 10',
    '  done',
    '}',
    '',
  ];
}

function section(title: string, commands: readonly string[]): string[] {
  return [`echo "kopsx: ${title}"`, ...commands, ''];
}

function prepareHost(): string[] {
  return [
    'install -d -m 0700 /etc/kopsx',
    'swapoff -a',
    String.raw`sed -i '/\sswap\s/s/^[^#]/#&/' /etc/fstab`,
    'systemctl restart systemd-modules-load.service',
    'sysctl --system >/dev/null',
  ];
}

function installPackages(release: KubernetesRelease): string[] {
  const repository = `deb [signed-by=${APT_KEYRING}] ${release.aptRepository} /`;
  const pinned = ['kubelet', 'kubeadm', 'kubectl'].map((name) => shellQuote(`${name}=${release.aptVersion}`));
  return [
    'apt_get update',
    // Keep the containerd configuration cloud-init wrote rather than the package's.
    'apt_get install -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold apt-transport-https ca-certificates curl gpg containerd',
    'install -d -m 0755 /etc/apt/keyrings',
    `retry curl -fsSL -o /etc/kopsx/kubernetes-release.key ${shellQuote(`${release.aptRepository}Release.key`)}`,
    `gpg --dearmor --yes -o ${APT_KEYRING} /etc/kopsx/kubernetes-release.key`,
    `echo ${shellQuote(repository)} >/etc/apt/sources.list.d/kubernetes.list`,
    'apt_get update',
    `apt_get install ${pinned.join(' ')}`,
    'apt-mark hold kubelet kubeadm kubectl',
    'systemctl restart containerd',
    'systemctl enable kubelet',
  ];
}

/**
 * The first control plane creates the cluster, unless the API already answers: then a machine of this group is
 * being replaced (rolling update) while other control planes run, and it joins them. The API is probed several
 * times so that a network blip cannot start a second cluster.
 */
function createOrJoin(options: BootstrapScriptOptions): string[] {
  const ignoreData = options.etcdVolume ? resumeEtcdData(etcdDataDir(options.etcdVolume)) : [];
  return [
    'echo "kopsx: checking whether the cluster already exists"',
    'cluster_exists=false',
    'for probe in 1 2 3 4 5 6; do',
    '  if api_answers; then cluster_exists=true; break; fi',
    '  sleep 5',
    'done',
    'if [ "$cluster_exists" = true ]; then',
    ...indent(joinControlPlane(options)),
    'else',
    ...indent([
      'echo "kopsx: creating the cluster (kubeadm init)"',
      'init_flags=(--upload-certs)',
      ...ignoreData,
      `kubeadm init --config ${KUBEADM_INIT_CONFIG} "\${init_flags[@]}"`,
      'export KUBECONFIG=/etc/kubernetes/admin.conf',
      `echo "kopsx: installing the network plugin (${options.networkPlugin.name})"`,
      ...options.networkPlugin.installCommands,
      ...options.postInitCommands,
    ]),
    'fi',
    '',
  ];
}

/**
 * The only control plane was replaced and its volume kept etcd's data: etcd resumes from it, which kubeadm's
 * empty-directory check would refuse.
 */
function resumeEtcdData(dataDir: string): string[] {
  const check = `DirAvailable-${dataDir.replaceAll('/', '-')}`;
  return [`if [ -n "$(ls -A ${dataDir} 2>/dev/null)" ]; then init_flags+=(--ignore-preflight-errors=${check}); fi`];
}

function joinControlPlane(options: BootstrapScriptOptions): string[] {
  const dataDir = options.etcdVolume ? etcdDataDir(options.etcdVolume) : undefined;
  return [
    'echo "kopsx: joining the cluster as a control plane"',
    'wait_for_api',
    // Data left by the member this machine replaces: a joining member starts empty; keep the old data aside.
    ...(dataDir
      ? [`if [ -n "$(ls -A ${dataDir} 2>/dev/null)" ]; then mv ${dataDir} "${dataDir}.replaced-$(date +%Y%m%d%H%M%S)"; fi`]
      : []),
    ...kubeadmJoin(),
    'export KUBECONFIG=/etc/kubernetes/admin.conf',
  ];
}

function joinNode(options: BootstrapScriptOptions): string[] {
  const claims = `${NODE_LABEL_CLAIMS_ANNOTATION}=${formatLabels(options.restrictedLabels)}`;
  return section('joining the cluster as a node', [
    'wait_for_api',
    ...kubeadmJoin(),
    // A control plane's labeler turns this claim into labels (control-plane-only ones excepted).
    `retry kubectl --kubeconfig /etc/kubernetes/kubelet.conf annotate node "$node_name" --overwrite ${shellQuote(claims)}`,
  ]);
}

/** A failed join leaves half-written state behind: reset before trying again. */
function kubeadmJoin(): string[] {
  return [
    'attempt=1',
    `until kubeadm join --config ${KUBEADM_JOIN_CONFIG}; do`,
    '  if [ "$attempt" -ge 5 ]; then echo "kopsx: kubeadm join failed 5 times" >&2; exit 1; fi',
    '  attempt=$((attempt + 1))',
    '  kubeadm reset --force >/dev/null 2>&1 || true',
    '  sleep 30',
    'done',
  ];
}

/** Control planes may label themselves: they hold the admin credentials. */
function startTimers(options: BootstrapScriptOptions): string[] {
  const labels = Object.entries(options.restrictedLabels).map(([key, value]) => shellQuote(`${key}=${value}`));
  return [
    ...(labels.length > 0 ? [`retry kubectl label node "$node_name" --overwrite ${labels.join(' ')}`] : []),
    'systemctl daemon-reload',
    `systemctl enable --now ${CONTROL_PLANE_TIMERS.join(' ')}`,
  ];
}

function indent(commands: readonly string[]): string[] {
  return commands.map((line) => (line === '' ? line : `  ${line}`));
}
