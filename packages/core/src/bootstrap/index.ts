// Node bootstrap: the cloud-init user-data that turns a machine into a cluster member with kubeadm.
export {renderUserData} from './user-data.js';
export type {ClusterCaMaterial, EtcdVolume, JoinMaterial, PemKeyPair, UserData, UserDataOptions} from './user-data-options.js';
export {bootstrapRoleOf, firstControlPlaneGroup, type BootstrapRole} from './bootstrap-role.js';
export {fitUserData, UserDataTooLargeError} from './fit-user-data.js';
export {API_SERVER_PORT} from './kubeadm-config.js';
export {BOOTSTRAP_NETWORK_PLUGINS} from './network-plugin.js';
export {NODE_LABEL_CLAIMS_ANNOTATION} from './control-plane-services.js';
