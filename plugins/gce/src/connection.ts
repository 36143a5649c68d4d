/**
 * The Google clients of one connection: the cluster's project (see cluster-project.ts) and region (from its
 * zones); credentials are Application Default Credentials; gcloud's endpoint override variables point the clients
 * elsewhere, such as the simulator (see endpoint-overrides.ts).
 */
import {SharedReads, ValidationError} from '@kopsx/core';
import type {CloudConnection, ConnectOptions} from '@kopsx/core';
import {apiLoadBalancerStatus} from './api-load-balancer-status.js';
import {projectOf} from './cluster-project.js';
import {regionOfCluster} from './cluster-region.js';
import {classifyError} from './errors.js';
import {createGoogleClients} from './google-clients.js';
import {instanceGroupOperations} from './instance-group-operations.js';
import {createHandlers} from './resources/index.js';

export async function connect(options: ConnectOptions): Promise<CloudConnection> {
  const {cluster, env} = options;
  const clusterName = cluster.cluster.metadata.name;
  const project = projectOf(cluster, env);
  const region = regionOfCluster(cluster);
  if (!region) {
    throw new ValidationError([{path: 'spec.subnets', message: 'no subnet names a GCE zone or region', hint: 'set the zones of the cluster, e.g. us-central1-a'}]);
  }
  const clients = createGoogleClients(env, project);
  const api = {clients, project, region, reads: new SharedReads()};
  return {
    handlers: createHandlers(api),
    instanceGroups: instanceGroupOperations(api, clusterName),
    apiLoadBalancer: (signal) => apiLoadBalancerStatus(api, clusterName, signal),
    classifyError,
    async close() {
      await clients.compute.close();
    },
  };
}
