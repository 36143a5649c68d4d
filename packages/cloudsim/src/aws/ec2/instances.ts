import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {items} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {Instance, InstanceState} from './ec2-state.js';
import {launchInstances} from './instance-launch.js';
import {instanceXml, privateDnsName, STATE_CODES, stateXml} from './instance-xml.js';
import {mergeLaunchTemplateData, readLaunchTemplateData} from './launch-template-data.js';
import {findLaunchTemplate, resolveVersion} from './launch-templates.js';

function instanceNotFound(id: string): AwsError {
  return new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
}

/** Starts shutting an instance down; returns its state before. Terminating twice is harmless, as on AWS. */
export function terminateInstance(instance: Instance): InstanceState {
  const previous = instance.lifecycle.state;
  if (previous === 'pending' || previous === 'running') instance.lifecycle.moveTo('shutting-down', 'terminated');
  return previous;
}

/**
 * Finishes what termination leaves behind: volumes marked delete-on-termination go, others are detached;
 * terminated instances disappear once they have been visible for the retention time.
 */
export function settleInstances(aws: AwsState): void {
  for (const instance of aws.ec2.instances.all()) {
    if (instance.lifecycle.state !== 'terminated') continue;
    for (const volumeId of instance.volumeIds) {
      const volume = aws.ec2.volumes.get(instance.region, volumeId);
      if (volume?.attachment?.instanceId !== instance.id) continue;
      if (volume.attachment.deleteOnTermination) aws.ec2.volumes.delete(volume.id);
      else volume.attachment = undefined;
    }
    if (aws.now() - instance.lifecycle.since >= aws.terminatedRetentionMs) aws.ec2.instances.delete(instance.id);
  }
}

export const instanceHandlers: QueryHandlers = {
  RunInstances({input, region, aws}) {
    const minCount = input.integer('MinCount') ?? 1;
    const maxCount = input.integer('MaxCount') ?? minCount;
    if (minCount < 1 || maxCount < minCount) {
      throw new AwsError('InvalidParameterValue', `Invalid counts: MinCount ${minCount}, MaxCount ${maxCount}`);
    }
    const own = readLaunchTemplateData(input);
    const templateNode = input.node('LaunchTemplate');
    let launchTemplate: {id: string; name: string; version: string} | undefined;
    let data = own;
    if (templateNode) {
      const template = findLaunchTemplate(aws, region, {
        id: templateNode.string('LaunchTemplateId'),
        name: templateNode.string('LaunchTemplateName'),
      });
      const version = resolveVersion(template, templateNode.string('Version'));
      data = mergeLaunchTemplateData(version.data, own);
      launchTemplate = {id: template.id, name: template.name, version: String(version.number)};
    }
    const instances = launchInstances(aws, {region, count: maxCount, data, subnetId: input.string('SubnetId'), launchTemplate});
    return {
      reservationId: instances[0]?.reservationId,
      ownerId: AWS_ACCOUNT_ID,
      groupSet: items([]),
      instancesSet: items(instances.map((instance) => instanceXml(aws, instance))),
    };
  },

  TerminateInstances({input, region, aws}) {
    const ids = input.strings('InstanceId');
    const missing = ids.filter((id) => !aws.ec2.instances.get(region, id));
    if (missing.length === 1) throw instanceNotFound(missing[0] ?? '');
    if (missing.length > 1) throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
    const results = ids.flatMap((id) => {
      const instance = aws.ec2.instances.get(region, id);
      if (!instance) return [];
      const previous = terminateInstance(instance);
      return [{instanceId: id, currentState: stateXml(instance.lifecycle.state), previousState: stateXml(previous)}];
    });
    return {instancesSet: items(results)};
  },

  DescribeInstances(call) {
    const {aws} = call;
    const page = describeResources(call, {
      table: aws.ec2.instances,
      idParam: 'InstanceId',
      notFound: instanceNotFound,
      fields: {
        'instance-id': (instance) => instance.id,
        'instance-state-name': (instance) => instance.lifecycle.state,
        'instance-state-code': (instance) => String(STATE_CODES[instance.lifecycle.state]),
        'vpc-id': (instance) => instance.vpcId,
        'subnet-id': (instance) => instance.subnetId,
        'image-id': (instance) => instance.imageId,
        'instance-type': (instance) => instance.instanceType,
        'availability-zone': (instance) => instance.availabilityZone,
        'private-ip-address': (instance) => instance.privateIp,
        'private-dns-name': (instance) => privateDnsName(instance),
        'ip-address': (instance) => instance.publicIp,
        'key-name': (instance) => instance.keyName,
        'iam-instance-profile.arn': (instance) => instance.iamInstanceProfile?.arn,
        'instance.group-id': (instance) => instance.securityGroupIds,
        'reservation-id': (instance) => instance.reservationId,
      },
    });
    const reservations = new Map<string, Instance[]>();
    for (const instance of page.items) {
      reservations.set(instance.reservationId, [...(reservations.get(instance.reservationId) ?? []), instance]);
    }
    const reservationSet = items([...reservations].map(([reservationId, members]) => ({
      reservationId,
      ownerId: AWS_ACCOUNT_ID,
      groupSet: items([]),
      instancesSet: items(members.map((instance) => instanceXml(aws, instance))),
    })));
    for (const instance of page.items) instance.lifecycle.observe();
    return {reservationSet, nextToken: page.nextToken};
  },
};
