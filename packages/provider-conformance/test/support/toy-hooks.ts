/** The hooks a toy provider's test gives the suite: it reads the toy cloud's state directly, not through the provider. */
import type {ConformanceHooks} from '../../src/index.js';
import type {ToyCloud} from './toy-cloud.js';

export function toyHooks(cloud: ToyCloud): ConformanceHooks {
  return {
    ownedResources: async (clusterName) => cloud.resources().filter((r) => r.labels.cluster === clusterName),
    seedForeignResources: async (clusterName) => [
      cloud.seed('network', {cidr: '10.9.0.0/16'}, {cluster: 'other.k8s.local', name: 'other.k8s.local'}),
      cloud.seed('network', {cidr: '10.8.0.0/16'}),
      // Named like one of the cluster's groups, but not labelled with the cluster.
      cloud.seed('group', {size: 0, machineType: 'toy.small'}, {name: `nodes-toy-1a.${clusterName}`}),
    ],
    findResources: async (wanted) => cloud.resources().filter((r) => wanted.some((w) => w.id === r.id)),
    injectFault: async (call) => cloud.failAtCall(call),
  };
}
