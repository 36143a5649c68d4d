export {KubernetesSim, DEFAULT_KUBERNETES_CONFIG, type KubernetesSimConfig} from './kubernetes-sim.js';
export type {SimCluster, ClusterAuthority} from './sim-cluster.js';
