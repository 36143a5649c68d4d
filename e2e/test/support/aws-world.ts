import {startCloudSim} from '@kopsx/cloudsim';
import type {AwsState, CloudSim, Ec2Service, SimResource} from '@kopsx/cloudsim';
import {KopsxUser} from './kopsx.js';
import type {LinkedPlugins} from './kopsx.js';
import {fileStore} from './state-stores.js';
import type {TestStore} from './state-stores.js';

/**
 * The simulator does not keep IPv6 ranges on security-group rules yet, so clusters in these tests admit one
 * IPv4 range instead of kOps' default `0.0.0.0/0,::/0` (which also keeps the "open to the world" warnings out).
 */
export const IPV4_ACCESS = ['--admin-access', '198.51.100.0/24'];

/** A user with the AWS provider linked, a file:// state store, and the AWS simulator as their cloud. */
export interface AwsWorld {
  readonly sim: CloudSim;
  readonly store: TestStore;
  readonly user: KopsxUser;
  close(): Promise<void>;
}

export async function startAwsWorld(plugins: LinkedPlugins): Promise<AwsWorld> {
  const sim = await startCloudSim();
  const store = fileStore();
  const user = new KopsxUser({...sim.env, ...store.env}, {dataDir: plugins.dataDir});
  return {
    sim,
    store,
    user,
    async close() {
      user.remove();
      await store.close();
      await sim.close();
    },
  };
}

/** The simulated account, for seeding resources that are not the cluster's. */
export function awsState(sim: CloudSim): AwsState {
  return sim.service<Ec2Service>('ec2').state;
}

/**
 * What the simulator holds for a cluster: everything tagged with its name, and its DNS records (Route53
 * records carry no tags; theirs end in the cluster name).
 */
export function clusterResources(sim: CloudSim, clusterName: string): SimResource[] {
  return sim
    .resources()
    .filter(
      (r) =>
        r.tags.KubernetesCluster === clusterName ||
        `kubernetes.io/cluster/${clusterName}` in r.tags ||
        (r.kind === 'route53:recordset' && (r.name ?? '').endsWith(`${clusterName}.`)),
    );
}
