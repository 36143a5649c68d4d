export {KubernetesSim, DEFAULT_KUBERNETES_CONFIG, type KubernetesSimConfig} from './kubernetes-sim.js';
export type {SimCluster, ClusterAuthority} from './sim-cluster.js';
export type {MachineCloud, CloudMachine, MachineHost, ApiConnectionHandler} from './machine-cloud.js';
export {AwsMachines} from './aws-machines.js';
export {GceMachines} from './gce-machines.js';
