/**
 * The provider conformance suite against the AWS wire simulator on 127.0.0.1. The hooks read the simulator's
 * own state (its admin API), never the provider's listing, so a provider that lists wrongly cannot pass.
 */
import {startCloudSim} from '@kopsx/cloudsim';
import type {Ec2Service, SimResource} from '@kopsx/cloudsim';
import {buildCluster} from '@kopsx/core';
import {describeConformance} from '@kopsx/provider-conformance';
import type {CloudResourceRef} from '@kopsx/provider-conformance';
import {afterAll} from 'vitest';
import {provider} from '../src/index.js';

const NAME = 'conformance.k8s.local';

// describeConformance registers its tests while the file is collected, so the simulator starts first.
const sim = await startCloudSim();
afterAll(() => sim.close());
const aws = sim.service<Ec2Service>('ec2').state;

/** The simulator's AWS resources (not the Kubernetes objects it simulates; terminated instances are left out). */
function awsResources(): SimResource[] {
  return sim.resources().filter((r) => r.cloud === 'aws');
}

/** The seeded resources as awsResources() reports them, so that they compare with findResources. */
function reported(ids: readonly string[]): SimResource[] {
  return awsResources().filter((r) => ids.includes(r.id) || (r.name !== undefined && ids.includes(r.name)));
}

describeConformance({
  provider,
  env: sim.env,
  zones: ['us-east-1a'],
  // The simulator keeps no IPv6 rule ranges, so the cluster admits IPv4 only.
  cluster: buildCluster({name: NAME, cloud: 'aws', zones: ['us-east-1a'], adminAccess: ['0.0.0.0/0'], sshAccess: ['10.0.0.0/8']}),
  unknownZone: 'us-east-1z',
  hooks: {
    ownedResources: async (clusterName) => awsResources().filter((r) => r.tags.KubernetesCluster === clusterName),
    seedForeignResources: async (clusterName) => {
      const otherVpc = aws.seed.vpc({cidrBlock: '10.9.0.0/16', tags: {KubernetesCluster: 'other.k8s.local', 'kubernetes.io/cluster/other.k8s.local': 'owned'}});
      const untaggedVpc = aws.seed.vpc({cidrBlock: '172.20.0.0/16'});
      const subnet = aws.seed.subnet({vpcId: untaggedVpc.id, cidrBlock: '172.20.32.0/19', availabilityZone: 'us-east-1a'});
      const instance = aws.seed.instance({subnetId: subnet.id});
      // Named the way the provider names the cluster's role, but made by hand.
      const role = aws.seed.role({name: `nodes.${clusterName}-by-hand`});
      return reported([otherVpc.id, untaggedVpc.id, subnet.id, instance.id, role.name]);
    },
    findResources: async (wanted: readonly CloudResourceRef[]) =>
      awsResources().filter((r) => wanted.some((w) => w.kind === r.kind && w.id === r.id)),
    injectFault: async (call) => void sim.configure({faultAtCall: call}),
  },
});
