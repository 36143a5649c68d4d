import type {ClusterBundle} from '../model/index.js';

/** The shared secrets that let a machine join the cluster (from the keystore, see docs/security.md). */
export interface JoinMaterial {
  /** kubeadm bootstrap token, `abcdef.0123456789abcdef`. */
  readonly bootstrapToken: string;
  /** `sha256:<64 hex digits>`: the Kubernetes CA's public-key hash that joining machines pin. */
  readonly caCertHash: string;
  /** 64 hex digits: decrypts the control-plane certificates `kubeadm init --upload-certs` shares. */
  readonly certificateKey: string;
}

/** A CA's certificate and private key, PEM. */
export interface PemKeyPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** The pre-generated authorities `kubeadm init` uses instead of making its own. */
export interface ClusterCaMaterial {
  readonly kubernetesCa: PemKeyPair;
  readonly etcdCa: PemKeyPair;
  readonly frontProxyCa: PemKeyPair;
  /** PEM private key that signs service-account tokens (kubeadm's sa.key; sa.pub is derived from it). */
  readonly serviceAccountKeyPem: string;
}

/**
 * Where etcd's volume appears on a control plane. Clouds differ (fixed device names, NVMe names known only at
 * boot), so the provider says how to find it; the bootstrap waits for it, formats it if blank and mounts it.
 */
export type EtcdVolume = (
  | {
      /** A stable device path, e.g. `/dev/disk/by-id/google-etcd`. */
      readonly device: string;
    }
  | {
      /** Bash that prints the device path once the volume is attached, and fails (or prints nothing) before. */
      readonly discoverCommand: string;
    }
) & {
  /** Default `/mnt/etcd`; etcd keeps its data in `<mountPath>/data`. */
  readonly mountPath?: string;
};

export interface UserDataOptions {
  /** The completed cluster (`completeCluster`). */
  readonly bundle: ClusterBundle;
  /** Name of the instance group whose machines boot with this user-data. */
  readonly instanceGroup: string;
  /** Host name of the API: the load balancer's DNS name, or `api.internal.<cluster>`. Port 443 is implied. */
  readonly apiEndpoint: string;
  /** More names the API server certificate must cover (e.g. the public load balancer's, when apiEndpoint is internal). */
  readonly additionalApiNames?: readonly string[];
  /** Required for every role but bastions. */
  readonly join?: JoinMaterial;
  /**
   * The CA keys. Required for the first control plane (see `firstControlPlaneGroup`) and written only into its
   * user-data: other roles ignore them, so a provider may pass the same options for every group.
   */
  readonly caMaterial?: ClusterCaMaterial;
  /**
   * Provider hardening, run early on every boot of every machine, bastions included: e.g. locking the instance
   * metadata service away from pods. Runs on every boot because firewall rules do not survive a reboot.
   */
  readonly preKubeadmCommands?: readonly string[];
  /** Control planes only: the volume etcd's data lives on. Without it, etcd writes to the root disk. */
  readonly etcdVolume?: EtcdVolume;
  /** The cloud's user-data limit in bytes (AWS: 16384). Larger documents are gzipped; still too large throws. */
  readonly maxBytes?: number;
  /**
   * The kubelet and controller manager run with `--cloud-provider=external`: the provider's cloud controller
   * manager initialises nodes (deploy it with `postInitCommands`).
   */
  readonly externalCloudProvider?: boolean;
  /** Bash run on the first control plane once the cluster exists (KUBECONFIG is the admin's). */
  readonly postInitCommands?: readonly string[];
  /** Bash that installs the cloud's own network plugin (amazonvpc, gce); replaces kopsx's table of plugins. */
  readonly networkPluginCommands?: readonly string[];
}

/** Cloud-init user-data for one instance group. */
export interface UserData {
  /**
   * The `#cloud-config` document, or when `compressed`, the base64 of its gzip (cloud-init unpacks gzip itself;
   * the provider hands the decoded bytes to the cloud). Holds join secrets for every role but bastions: never
   * print it, and mark it sensitive in plans.
   */
  readonly content: string;
  readonly compressed: boolean;
  /** What counts against the cloud's limit: the document's UTF-8 length, or the gzip's length when compressed. */
  readonly bytes: number;
}
