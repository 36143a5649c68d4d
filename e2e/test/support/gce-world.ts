import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim, ComputeService, GceState, GcsService, SimResource} from '@kopsx/cloudsim';
import {fileURLToPath} from 'node:url';
import {KopsxUser} from './kopsx.js';
import type {LinkedPlugins} from './kopsx.js';

/** The GCE provider plugin of this repository, built like the CLI. */
export const GCE_PLUGIN_DIR = fileURLToPath(new URL('../../../plugins/gce', import.meta.url));

/** The bucket the state store lives in. */
export const STATE_BUCKET = 'kopsx-e2e-state';

/** A user with the GCE provider linked, a gs:// state store in the simulator, and the simulator as their Google Cloud. */
export interface GceWorld {
  readonly sim: CloudSim;
  readonly user: KopsxUser;
  /** `gs://<bucket>/state` */
  readonly state: string;
  close(): Promise<void>;
}

export async function startGceWorld(plugins: LinkedPlugins): Promise<GceWorld> {
  const sim = await startCloudSim();
  sim.service<GcsService>('gcs').store.createBucket(STATE_BUCKET);
  const user = new KopsxUser({...sim.env}, {dataDir: plugins.dataDir});
  return {
    sim,
    user,
    state: `gs://${STATE_BUCKET}/state`,
    async close() {
      user.remove();
      await sim.close();
    },
  };
}

/** The simulated Google Cloud, for seeding resources that are not the cluster's. */
export function gceState(sim: CloudSim): GceState {
  return sim.service<ComputeService>('compute').state;
}

/** What the simulator holds on Google Cloud (Compute, DNS, IAM), without the state bucket and the Kubernetes nodes. */
export function gceResources(sim: CloudSim): SimResource[] {
  return sim.resources().filter((r) => r.cloud === 'gce');
}
