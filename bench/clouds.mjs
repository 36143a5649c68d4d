/**
 * The clouds the benchmark measures, one entry each. Adding a provider is one more entry:
 * where its provider comes from, the zones of the benchmark clusters, and how its simulator's pace is set.
 *
 * @typedef {object} BenchCloud
 * @property {string} cloud `spec.cloudProvider` and the label in the report
 * @property {string} packageName the provider's package, as the registry records it
 * @property {() => Promise<import('@kopsx/core').CloudProvider>} loadProvider imported on use, so that one
 *   cloud's missing build does not stop the others
 * @property {readonly string[]} zones three zones of one region
 * @property {readonly string[]} settlingKinds kinds whose create waits until the cloud reports them ready
 * @property {(sim: import('@kopsx/cloudsim').CloudSim, settleMs: number) => void} setSettleTime makes new
 *   resources of the settling kinds become ready `settleMs` after their create, however often they are polled
 */

/** @type {readonly BenchCloud[]} */
export const CLOUDS = [
  {
    cloud: 'aws',
    packageName: '@kopsx/plugin-aws',
    loadProvider: async () => (await import('@kopsx/plugin-aws')).provider,
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    // Instances settle too, but no create waits for them: autoscaling groups are done once created.
    settlingKinds: ['nat-gateway', 'load-balancer'],
    setSettleTime(sim, settleMs) {
      // Time alone decides: by default the simulator also settles a resource after two describes of it.
      sim.service('ec2').state.configure({settleDelayMs: settleMs, settleAfterDescribes: Number.POSITIVE_INFINITY});
    },
  },
  {
    cloud: 'gce',
    packageName: '@kopsx/plugin-gce',
    loadProvider: async () => (await import('@kopsx/plugin-gce')).provider,
    zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
    // Every Compute Engine insert returns an operation that the provider waits on until it is DONE; IAM
    // service accounts and Cloud DNS changes are synchronous.
    settlingKinds: [
      'network', 'subnetwork', 'firewall', 'router', 'router-nat', 'instance-template', 'instance-group-manager',
      'disk', 'address', 'health-check', 'backend-service', 'forwarding-rule',
    ],
    setSettleTime(sim, settleMs) {
      sim.service('compute').state.configure({operationDelayMs: settleMs});
    },
  },
];
