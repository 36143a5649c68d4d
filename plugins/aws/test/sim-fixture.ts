/**
 * A simulator and provider connections for one test file: the real SDK clients talking HTTP to the AWS wire
 * simulator on 127.0.0.1, started and stopped by the test. Connections are per cluster, as in the CLI: the
 * cluster's zones give the region.
 */
import {setMaxListeners} from 'node:events';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim} from '@kopsx/cloudsim';
import type {ClusterBundle, CloudConnection, HandlerContext} from '@kopsx/core';
import {provider} from '../src/index.js';

export interface SimFixture {
  readonly sim: CloudSim;
  /** The simulator's environment without AWS_REGION: the provider must find the region in the cluster. */
  readonly env: NodeJS.ProcessEnv;
  /** For SDK clients a test uses to set the scene (another cluster's resources, a hosted zone). */
  readonly clientConfig: {endpoint: string; region: string; credentials: {accessKeyId: string; secretAccessKey: string}};
  /** The provider's connection for a cluster, made once and closed with the fixture. */
  connect(bundle: ClusterBundle): Promise<CloudConnection>;
  context(clusterName: string): HandlerContext;
  close(): Promise<void>;
}

export async function startSimFixture(): Promise<SimFixture> {
  const sim = await startCloudSim({config: {}});
  const {AWS_REGION: region = '', ...env} = sim.env;
  const {AWS_ENDPOINT_URL: endpoint = '', AWS_ACCESS_KEY_ID: accessKeyId = '', AWS_SECRET_ACCESS_KEY: secretAccessKey = ''} = env;
  const connections = new Map<string, Promise<CloudConnection>>();
  return {
    sim,
    env,
    clientConfig: {endpoint, region, credentials: {accessKeyId, secretAccessKey}},
    connect(bundle) {
      const name = bundle.cluster.metadata.name;
      let connection = connections.get(name);
      if (!connection) connections.set(name, (connection = provider.connect({env, cluster: bundle})));
      return connection;
    },
    context(clusterName) {
      const {signal} = new AbortController();
      // Every concurrent SDK call listens on the signal, as in the CLI.
      setMaxListeners(0, signal);
      return {clusterName, signal, log: () => {}};
    },
    async close() {
      for (const connection of connections.values()) await (await connection).close();
      await sim.close();
    },
  };
}
