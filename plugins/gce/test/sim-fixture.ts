/**
 * A simulator and provider connections for one test file: the real Google clients talking HTTP to the Compute
 * Engine, Cloud DNS and IAM simulators on 127.0.0.1, started and stopped by the test. Connections are per
 * cluster, as in the CLI: the cluster's zones give the region, GOOGLE_CLOUD_PROJECT the project.
 */
import {setMaxListeners} from 'node:events';
import type {DNS} from '@google-cloud/dns';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim, ComputeService, GceState} from '@kopsx/cloudsim';
import type {ClusterBundle, CloudConnection, HandlerContext} from '@kopsx/core';
import type {ComputeClients} from '../src/compute-clients.js';
import {createGoogleClients} from '../src/google-clients.js';
import {provider} from '../src/index.js';

export interface SimFixture {
  readonly sim: CloudSim;
  readonly project: string;
  /** The simulator's environment: endpoint overrides and GOOGLE_CLOUD_PROJECT. */
  readonly env: NodeJS.ProcessEnv;
  /** The simulated Google Cloud, for seeding and pace. */
  readonly gce: GceState;
  /** Compute and Cloud DNS clients for a test to set the scene or look behind the provider's back. */
  readonly compute: ComputeClients;
  readonly dns: DNS;
  /** The provider's connection for a cluster, made once and closed with the fixture. */
  connect(bundle: ClusterBundle): Promise<CloudConnection>;
  context(clusterName: string): HandlerContext;
  close(): Promise<void>;
}

export async function startSimFixture(): Promise<SimFixture> {
  const sim = await startCloudSim({config: {}});
  const env = {...sim.env};
  const project = env.GOOGLE_CLOUD_PROJECT ?? '';
  const gce = sim.service<ComputeService>('compute').state;
  // Operations finish at once and instances boot quickly: the tests are about what is called, not how long it takes.
  gce.configure({operationDelayMs: 0, instanceStartMs: 50});
  // The clients a connection uses, so that the test's own calls reach the simulator the same way.
  const {compute, dns} = createGoogleClients(env, project);
  const connections = new Map<string, Promise<CloudConnection>>();
  return {
    sim,
    project,
    env,
    gce,
    compute,
    dns,
    connect(bundle) {
      const name = bundle.cluster.metadata.name;
      let connection = connections.get(name);
      if (!connection) connections.set(name, (connection = provider.connect({env, cluster: bundle})));
      return connection;
    },
    context(clusterName) {
      const {signal} = new AbortController();
      setMaxListeners(0, signal);
      return {clusterName, signal, log: () => {}};
    },
    async close() {
      for (const connection of connections.values()) await (await connection).close();
      await compute.close();
      await sim.close();
    },
  };
}
