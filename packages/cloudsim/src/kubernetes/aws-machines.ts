import type {AwsState} from '../aws/aws-state.js';
import type {Instance} from '../aws/ec2/ec2-state.js';
import {privateDnsName} from '../aws/ec2/instance-xml.js';
import type {ApiConnectionHandler, CloudMachine, MachineCloud} from './machine-cloud.js';

/** The tag naming an instance's or load balancer's cluster (Kubernetes' AWS convention). */
export const CLUSTER_TAG = 'KubernetesCluster';
const INSTANCE_GROUP = 'kops.k8s.io/instancegroup';
/** Cluster-autoscaler's convention for the labels an Auto Scaling group's nodes will carry. */
const TEMPLATE_LABEL_PREFIX = 'k8s.io/cluster-autoscaler/node-template/label/';

/**
 * The simulated AWS account as the Kubernetes API sees it: instances tagged `KubernetesCluster=<name>` are
 * its machines (node name = private DNS name), load balancers with that tag its API front ends.
 */
export class AwsMachines implements MachineCloud {
  readonly name = 'aws';
  readonly #aws: AwsState;

  constructor(aws: AwsState) {
    this.#aws = aws;
  }

  now(): number {
    return this.#aws.now();
  }

  clusterNames(): string[] {
    return this.#aws.ec2.instances.all().flatMap((instance) => instance.tags.get(CLUSTER_TAG) ?? []);
  }

  machines(clusterName: string): CloudMachine[] {
    return this.#aws.ec2.instances.all().flatMap((instance): CloudMachine[] => {
      const state = instance.lifecycle.state;
      if (instance.tags.get(CLUSTER_TAG) !== clusterName || (state !== 'pending' && state !== 'running')) return [];
      const role = roleFromTags(instance.tags);
      return [{
        identity: instance,
        instanceId: instance.id,
        nodeName: privateDnsName(instance),
        // EC2 keeps user-data as base64.
        userData: () => (instance.userData ? Buffer.from(instance.userData, 'base64') : undefined),
        runningSince: state === 'running' ? this.#runningSince(instance) : undefined,
        ...(role ? {role} : {}),
        labels: labelsFromTags(instance.tags),
        host: {
          providerId: `aws:///${instance.availabilityZone}/${instance.id}`,
          privateIp: instance.privateIp,
          region: instance.region,
          zone: instance.availabilityZone,
          instanceType: instance.instanceType,
          architecture: instance.architecture === 'arm64' ? 'arm64' : 'amd64',
        },
      }];
    });
  }

  onApiConnection(handler: ApiConnectionHandler): void {
    this.#aws.elbv2.frontends.onConnection((balancer, socket) => {
      handler(balancer.lifecycle.state === 'active' ? balancer.tags.get(CLUSTER_TAG) : undefined, socket);
    });
  }

  /**
   * When a running instance started running. States advance when read, so the lifecycle's own time may be
   * later than the moment the instance was due to run: launch time plus the settle delay, at the latest.
   */
  #runningSince(instance: Instance): number {
    return Math.min(instance.lifecycle.since, instance.launchTime.getTime() + this.#aws.settleDelayMs);
  }
}

function roleFromTags(tags: ReadonlyMap<string, string>): 'control-plane' | 'node' | undefined {
  if (tags.has('k8s.io/role/control-plane') || tags.has('k8s.io/role/master')) return 'control-plane';
  if (tags.has('k8s.io/role/node')) return 'node';
  return undefined;
}

function labelsFromTags(tags: ReadonlyMap<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of tags) {
    if (key.startsWith(TEMPLATE_LABEL_PREFIX)) labels[key.slice(TEMPLATE_LABEL_PREFIX.length)] = value;
  }
  const group = tags.get(INSTANCE_GROUP);
  if (group !== undefined) labels[INSTANCE_GROUP] = group;
  return labels;
}
