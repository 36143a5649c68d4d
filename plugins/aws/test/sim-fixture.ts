/**
 * A simulator and a provider connection for one test file: the real SDK clients talking HTTP to the AWS wire
 * simulator on 127.0.0.1, started and stopped by the test.
 */
import {setMaxListeners} from 'node:events';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim} from '@kopsx/cloudsim';
import type {CloudConnection, HandlerContext, ResourceHandler} from '@kopsx/core';
import {provider} from '../src/index.js';

export interface SimFixture {
  readonly sim: CloudSim;
  /** For SDK clients a test uses to set the scene (another cluster's resources, a hosted zone). */
  readonly clientConfig: {endpoint: string; region: string; credentials: {accessKeyId: string; secretAccessKey: string}};
  readonly connection: CloudConnection;
  context(clusterName: string): HandlerContext;
  handler(kind: string): ResourceHandler;
  close(): Promise<void>;
}

export async function startSimFixture(): Promise<SimFixture> {
  const sim = await startCloudSim({config: {}});
  const connection = await provider.connect({env: sim.env});
  const {AWS_ENDPOINT_URL: endpoint = '', AWS_REGION: region = '', AWS_ACCESS_KEY_ID: accessKeyId = '', AWS_SECRET_ACCESS_KEY: secretAccessKey = ''} = sim.env;
  return {
    sim,
    connection,
    clientConfig: {endpoint, region, credentials: {accessKeyId, secretAccessKey}},
    context(clusterName) {
      const {signal} = new AbortController();
      // Every concurrent SDK call listens on the signal, as in the CLI.
      setMaxListeners(0, signal);
      return {clusterName, signal, log: () => {}};
    },
    handler(kind) {
      const found = connection.handlers.find((h) => h.kind === kind);
      if (!found) throw new Error(`no handler for ${kind}`);
      return found;
    },
    async close() {
      await connection.close();
      await sim.close();
    },
  };
}
