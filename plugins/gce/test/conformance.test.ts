/**
 * The provider conformance suite against the Compute Engine, Cloud DNS and IAM simulators on 127.0.0.1. The
 * hooks read the simulated cloud's own state, never the provider's listing, so a provider that lists wrongly
 * cannot pass.
 */
import {startCloudSim} from '@kopsx/cloudsim';
import type {ComputeService} from '@kopsx/cloudsim';
import {buildCluster} from '@kopsx/core';
import {describeConformance} from '@kopsx/provider-conformance';
import type {CloudResourceRef} from '@kopsx/provider-conformance';
import {afterAll} from 'vitest';
import {provider} from '../src/index.js';
import {clusterSlug} from '../src/names.js';

const NAME = 'conformance.k8s.local';

// describeConformance registers its tests while the file is collected, so the simulator starts first.
const sim = await startCloudSim();
afterAll(() => sim.close());
const gce = sim.service<ComputeService>('compute').state;
gce.configure({operationDelayMs: 0, instanceStartMs: 50});

interface SimulatedResource extends CloudResourceRef {
  readonly description: unknown;
}

/** Every Compute resource and service account of the project, as the simulator holds them. */
function cloudResources(): SimulatedResource[] {
  return [
    ...gce.compute
      .all()
      .filter((r) => r.project === sim.env.GOOGLE_CLOUD_PROJECT)
      .map((r) => ({kind: `compute:${r.collection}`, id: r.selfLink, description: r.body.description, labels: r.body.labels})),
    ...gce.iam.list().map((a) => ({kind: 'iam:serviceAccount', id: a.email, description: a.description})),
  ];
}

describeConformance({
  provider,
  env: sim.env,
  zones: ['us-central1-a'],
  cluster: buildCluster({name: NAME, cloud: 'gce', zones: ['us-central1-a'], adminAccess: ['0.0.0.0/0'], sshAccess: ['10.0.0.0/8']}),
  unknownZone: 'us-central1-z',
  hooks: {
    // The provider's mark of ownership, written here independently of its code.
    ownedResources: async (clusterName) => cloudResources().filter((r) => r.description === `Managed by kopsx for cluster ${clusterName}`),
    seedForeignResources: async (clusterName) => {
      const other = gce.seed.network({name: 'other-cluster', description: 'Managed by kopsx for cluster other.k8s.local'});
      const unmarked = gce.seed.network({name: 'by-hand'});
      const subnetwork = gce.seed.subnetwork({name: 'by-hand', network: 'by-hand', region: 'us-central1', ipCidrRange: '10.9.0.0/24'});
      const instance = gce.seed.instance({name: 'by-hand', zone: 'us-central1-a', subnetwork: 'by-hand'});
      // Labelled the way the provider labels the cluster's disks, but made by hand.
      const disk = gce.seed.disk({name: 'look-alike', zone: 'us-central1-a', labels: {'kopsx-k8s-io-cluster-name': clusterSlug(clusterName)}});
      const ids = [other, unmarked, subnetwork, instance, disk].map((body) => body.selfLink);
      return cloudResources().filter((r) => ids.includes(r.id));
    },
    findResources: async (wanted) => cloudResources().filter((r) => wanted.some((w) => w.kind === r.kind && w.id === r.id)),
    injectFault: async (call) => void sim.configure({faultAtCall: call}),
  },
});
