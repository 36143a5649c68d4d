/**
 * The kOps `kops.k8s.io/v1alpha2` Cluster and InstanceGroup documents, as kopsx reads and writes them.
 * Field names follow kOps so that a kOps manifest loads unchanged. Sections of the kOps spec that kopsx
 * stores but does not interpret (kubelet, kubeAPIServer, iam, ...) are kept as opaque values in `spec`.
 */
export const API_VERSION = 'kops.k8s.io/v1alpha2';

export type SubnetType = 'Public' | 'Private' | 'Utility';
export type TopologyKind = 'public' | 'private';
export type DnsType = 'Public' | 'Private' | 'None';
export type InstanceGroupRole = 'ControlPlane' | 'Node' | 'Bastion';

export interface ObjectMeta {
  name: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
}

export interface ClusterSubnetSpec {
  name: string;
  zone: string;
  type: SubnetType;
  cidr?: string;
  /** ID of an existing subnet to use instead of creating one (shared, never modified). */
  id?: string;
  /** Egress for private subnets: a NAT gateway ID, `External`, ... (cloud specific, passed through). */
  egress?: string;
}

export interface TopologySpec {
  /** kOps writes `masters` before 1.26 and `controlPlane` after; kopsx normalises to `controlPlane`. */
  controlPlane: TopologyKind;
  nodes: TopologyKind;
  bastion?: {bastionPublicName?: string};
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
  /** Normalised to kOps' object form: `{aws: {}}`. Use `cloudOf(cluster)` to read the cloud name. */
  cloudProvider: Record<string, Record<string, unknown>>;
  kubernetesVersion?: string;
  configBase?: string;
  channel?: string;
  networkCIDR?: string;
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
  /** kOps sections kopsx keeps but does not interpret. */
  [key: string]: unknown;
}

export interface Cluster {
  apiVersion: typeof API_VERSION;
  kind: 'Cluster';
  metadata: ObjectMeta;
  spec: ClusterSpec;
}

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
  machineType?: string;
  image?: string;
  minSize: number;
  maxSize: number;
  /** Names of cluster subnets the group's instances run in. */
  subnets: string[];
  zones?: string[];
  rootVolumeSize?: number;
  nodeLabels?: Record<string, string>;
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
