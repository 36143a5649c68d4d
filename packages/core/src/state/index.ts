// The state store: where clusters live, how to open one, and the per-cluster lock.
export * from './state-store.js';
export {registerStateStoreScheme} from './store-schemes.js';
export {resolveStateStoreUrl, type ResolvedStoreUrl} from './resolve-state-store-url.js';
export {openStateStore} from './open-state-store.js';
export {ClusterRegistry, type ReplaceOptions} from './cluster-registry.js';
export {acquireClusterLock, withClusterLock, type ClusterLock, type LockOptions} from './cluster-lock.js';
