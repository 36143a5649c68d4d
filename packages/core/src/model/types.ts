/**
 * The kOps `kops.k8s.io/v1alpha2` Cluster and InstanceGroup documents, as kopsx reads and writes them.
 * Field names follow kOps so that a kOps manifest loads unchanged. Sections of the kOps spec that kopsx
 * stores but does not interpret (kubelet, kubeAPIServer, iam, ...) are kept as opaque values in `spec`.
 */
export const API_VERSION = 'kops.k8s.io/v1alpha2';

/** `DualStack` subnets carry IPv4 and IPv6 (kOps writes them for IPv6 clusters). */
export type SubnetType = 'Public' | 'Private' | 'Utility' | 'DualStack';
export type TopologyKind = 'public' | 'private';
export type DnsType = 'Public' | 'Private' | 'None';
export type InstanceGroupRole = 'ControlPlane' | 'Node' | 'Bastion';

/** The label that ties an InstanceGroup to its Cluster. */
export const CLUSTER_LABEL = 'kops.k8s.io/cluster';
/** The node label kOps puts on every instance group's nodes. */
export const INSTANCE_GROUP_LABEL = 'kops.k8s.io/instancegroup';

/** Network plugins a cluster may name in `spec.networking` (one key, e.g. `cilium: {}`). */
export const SUPPORTED_NETWORKING = [
  'amazonvpc',
  'calico',
  'canal',
  'cilium',
  'cni',
  'external',
  'flannel',
  'gce',
  'kindnet',
  'kopeio',
  'kubenet',
  'kuberouter',
] as const;

export interface ObjectMeta {
  name: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generation?: number;
}

export interface ClusterSubnetSpec {
  name: string;
  /** Set for zonal subnets (most clouds). */
  zone?: string;
  /** Set instead of `zone` for subnets that span a region. */
  region?: string;
  type: SubnetType;
  /** Carved from `networkCIDR` by `completeCluster` when absent. */
  cidr?: string;
  ipv6CIDR?: string;
  /** ID of an existing subnet to use instead of creating one (shared, never modified). */
  id?: string;
  /** Egress for private subnets: a NAT gateway ID, `External`, ... (cloud specific, passed through). */
  egress?: string;
  publicIP?: string;
  additionalRoutes?: unknown[];
}

export interface TopologySpec {
  /**
   * Older kOps wrote `masters`; kopsx normalises it to `controlPlane`. Current kOps omits both and infers the
   * topology from the subnet types; `completeCluster` fills them in the same way.
   */
  controlPlane?: TopologyKind;
  nodes?: TopologyKind;
  bastion?: {bastionPublicName?: string; [key: string]: unknown};
  dns?: {type: DnsType};
}

export interface ApiAccessSpec {
  /** Reach the API through DNS records (`api.<name>`). */
  dns?: Record<string, never>;
  /** Reach the API through a cloud load balancer. */
  loadBalancer?: {type: 'Public' | 'Internal'; class?: string; [key: string]: unknown};
  /** Set by kOps 1.28+; accepted and kept. */
  publicName?: string;
}

export interface EtcdMemberSpec {
  name: string;
  /** The control-plane instance group this member runs on. */
  instanceGroup: string;
  encryptedVolume?: boolean;
  volumeSize?: number;
  [key: string]: unknown;
}

export interface EtcdClusterSpec {
  /** `main` or `events`. */
  name: string;
  etcdMembers: EtcdMemberSpec[];
  [key: string]: unknown;
}

/** kOps' networking section: exactly one key names the CNI (`calico: {}`, `cilium: {}`, `kubenet: {}`, ...). */
export type NetworkingSpec = Record<string, unknown>;

export interface ClusterSpec {
  /**
   * Normalised to kOps' object form: `{aws: {}}`; `toYaml` writes the v1alpha2 string (`aws`) when there are no
   * options. Use `cloudOf(cluster)` to read the cloud name.
   */
  cloudProvider: Record<string, Record<string, unknown>>;
  kubernetesVersion?: string;
  configBase?: string;
  channel?: string;
  networkCIDR?: string;
  /** More ranges for the network; subnets may lie in any of them. */
  additionalNetworkCIDRs?: string[];
  /** ID of an existing network (VPC) to use instead of creating one. */
  networkID?: string;
  nonMasqueradeCIDR?: string;
  serviceClusterIPRange?: string;
  podCIDR?: string;
  subnets: ClusterSubnetSpec[];
  topology?: TopologySpec;
  api?: ApiAccessSpec;
  kubernetesApiAccess?: string[];
  sshAccess?: string[];
  dnsZone?: string;
  etcdClusters: EtcdClusterSpec[];
  networking?: NetworkingSpec;
  sshKeyName?: string;
  masterPublicName?: string;
  masterInternalName?: string;
  /** Tags/labels put on every cloud resource of the cluster. */
  cloudLabels?: Record<string, string>;
  /** Default rolling-update settings for every instance group. */
  rollingUpdate?: RollingUpdateSpec;
  /** kOps sections kopsx keeps but does not interpret. */
  [key: string]: unknown;
}

export interface Cluster {
  apiVersion: typeof API_VERSION;
  kind: 'Cluster';
  metadata: ObjectMeta;
  spec: ClusterSpec;
}

/** A taint as kopsx reads it from the string form in `InstanceGroupSpec.taints`. */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface RollingUpdateSpec {
  /** A count (`1`) or a percentage (`"25%"`), as in kOps. */
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  drainAndTerminate?: boolean;
}

export interface InstanceGroupSpec {
  /** `Master` in older kOps manifests is read as `ControlPlane`. */
  role: InstanceGroupRole;
  /** Left empty by `buildCluster`: the cloud's provider supplies a default. */
  machineType?: string;
  image?: string;
  /** When a manifest omits a size, the parser takes the other one, or kOps' default (1, or 2 for nodes). */
  minSize: number;
  maxSize: number;
  /** Names of cluster subnets the group's instances run in. */
  subnets: string[];
  zones?: string[];
  rootVolumeSize?: number;
  nodeLabels?: Record<string, string>;
  cloudLabels?: Record<string, string>;
  /** kOps writes taints as strings: `key=value:Effect`. */
  taints?: string[];
  rollingUpdate?: RollingUpdateSpec;
  [key: string]: unknown;
}

export interface InstanceGroup {
  apiVersion: typeof API_VERSION;
  kind: 'InstanceGroup';
  metadata: ObjectMeta;
  spec: InstanceGroupSpec;
}

/** A cluster together with its instance groups: what `create -f` reads and the state store keeps. */
export interface ClusterBundle {
  cluster: Cluster;
  instanceGroups: InstanceGroup[];
}
