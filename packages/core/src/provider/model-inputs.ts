/**
 * What core hands a provider's `buildModel` besides the spec: material from the keystore and the node
 * bootstrap, so every provider boots machines the same way without touching secrets itself.
 */
import type {EtcdVolume} from '../bootstrap/index.js';
import type {PropertyValue, Ref} from './resource.js';

/** The cloud-specific parts of an instance group's bootstrap, chosen by the provider. */
export interface UserDataRequest {
  /** The instance group (`metadata.name`). */
  readonly instanceGroup: string;
  /**
   * The API host machines join: a literal name (`api.internal.<cluster>`) or a reference to the load
   * balancer's DNS name, in which case the user-data is a `join()` resolved at apply time.
   */
  readonly apiEndpoint: string | Ref;
  /** More names the API server certificate must cover. */
  readonly additionalApiNames?: readonly string[];
  /** Hardening run first on every boot (e.g. locking the instance metadata service away from pods). */
  readonly preKubeadmCommands?: readonly string[];
  /** Where etcd's volume appears on control planes. */
  readonly etcdVolume?: EtcdVolume;
  /** The kubelet runs with `--cloud-provider=external`. */
  readonly externalCloudProvider?: boolean;
  /** Installs the cloud's own network plugin (e.g. a VPC-native CNI). */
  readonly networkPluginCommands?: readonly string[];
}

export interface ModelInputs {
  /** The admin SSH public key (one OpenSSH line), when the cluster has one. */
  readonly sshPublicKey?: string;
  /**
   * The instance group's cloud-init user-data (plain text, uncompressed; a `join()` when `apiEndpoint` is
   * a reference). Secret: it carries join tokens, and for the first control plane the CA keys — mark the
   * property `sensitive`. Fit it to the cloud's size limit after resolution with `fitUserData`.
   */
  userData(request: UserDataRequest): PropertyValue;
}
