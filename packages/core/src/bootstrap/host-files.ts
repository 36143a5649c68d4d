/**
 * Files every Kubernetes machine gets, whatever its role: the container runtime's configuration and the kernel
 * settings pod networking needs.
 */

/** A file cloud-init writes before the bootstrap script runs. */
export interface HostFile {
  readonly path: string;
  readonly content: string;
  /** Octal, as cloud-init takes it: `0600` for anything secret. */
  readonly permissions: '0600' | '0644' | '0700' | '0755';
}

export const CONTAINERD_SOCKET = 'unix:///run/containerd/containerd.sock';
const KUBENET_TEMPLATE = '/etc/containerd/kubenet-cni.template';

/**
 * containerd's configuration in the version 2 format, which containerd 1.7 reads and 2.x migrates: the systemd
 * cgroup driver, as kubeadm configures the kubelet. With kubenet, containerd also writes each node's CNI
 * configuration from the node's pod range.
 */
export function containerdFiles(options: {readonly kubenet: boolean}): HostFile[] {
  const cri = 'plugins."io.containerd.grpc.v1.cri"';
  const config = [
    'version = 2',
    '',
    `[${cri}.containerd.runtimes.runc]`,
    '  runtime_type = "io.containerd.runc.v2"',
    '',
    `[${cri}.containerd.runtimes.runc.options]`,
    '  SystemdCgroup = true',
    ...(options.kubenet ? ['', `[${cri}.cni]`, `  conf_template = "${KUBENET_TEMPLATE}"`] : []),
  ];
  const files: HostFile[] = [{path: '/etc/containerd/config.toml', content: lines(config), permissions: '0644'}];
  if (options.kubenet) files.push({path: KUBENET_TEMPLATE, content: kubenetTemplate(), permissions: '0644'});
  return files;
}

/**
 * The bridge, host-local and portmap plugins come with the kubelet package (kubernetes-cni). Traffic leaving the
 * node's pod range is masqueraded to the node's address: pods reach the internet without any NAT rule of ours,
 * at the cost of seeing pods on other nodes come from those nodes' addresses.
 */
function kubenetTemplate(): string {
  const config = {
    cniVersion: '0.4.0',
    name: 'kubenet',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cbr0',
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: {type: 'host-local', ranges: [[{subnet: '{{.PodCIDR}}'}]], routes: [{dst: '0.0.0.0/0'}]},
      },
      {type: 'portmap', capabilities: {portMappings: true}},
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Bridged pod traffic must pass through iptables (kube-proxy's rules) and be forwarded between interfaces. */
export function kernelFiles(): HostFile[] {
  return [
    {path: '/etc/modules-load.d/kubernetes.conf', content: lines(['overlay', 'br_netfilter']), permissions: '0644'},
    {
      path: '/etc/sysctl.d/99-kubernetes.conf',
      content: lines([
        'net.ipv4.ip_forward = 1',
        'net.bridge.bridge-nf-call-iptables = 1',
        'net.bridge.bridge-nf-call-ip6tables = 1',
      ]),
      permissions: '0644',
    },
  ];
}

export function lines(content: readonly string[]): string {
  return `${content.join('\n')}\n`;
}
