import type {AwsState} from '../aws-state.js';
import {findInstanceProfile} from '../iam/iam-state.js';
import {Lifecycle} from '../lifecycle.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {randomPublicIp} from './addresses.js';
import type {Image, Instance, InstanceState, Subnet} from './ec2-state.js';
import {keyPairNotFound} from './key-pairs.js';
import type {LaunchTemplateData} from './launch-template-data.js';
import {findSecurityGroup} from './security-groups.js';
import {allocatePrivateIp, findSubnet} from './subnets.js';
import {createVolume} from './volumes.js';

export interface LaunchSpec {
  readonly region: string;
  readonly count: number;
  /** The effective settings: the launch template's, overridden by the call's own parameters. */
  readonly data: LaunchTemplateData;
  /** Overrides the subnet of the settings (Auto Scaling picks one per instance). */
  readonly subnetId?: string;
  /** Tags added to the instances besides the settings' tag specifications. */
  readonly tags?: ReadonlyMap<string, string>;
  readonly launchTemplate?: {readonly id: string; readonly name: string; readonly version: string};
}

/** Starts `count` instances in `pending`; they turn `running` once settled (see `Lifecycle`). */
export function launchInstances(aws: AwsState, spec: LaunchSpec): Instance[] {
  const {data, region} = spec;
  const image = findImage(aws, region, data.imageId);
  const nic = data.networkInterfaces.find((candidate) => (candidate.deviceIndex ?? 0) === 0);
  const subnetId = spec.subnetId ?? nic?.subnetId;
  if (!subnetId) {
    throw new AwsError(
      'VPCIdNotSpecified',
      'No default VPC for this user. Specify a subnet with SubnetId or a network interface.',
    );
  }
  const subnet = findSubnet(aws, region, subnetId);
  const securityGroupIds = checkSecurityGroups(aws, subnet, [...data.securityGroupIds, ...(nic?.groups ?? [])]);
  if (data.keyName !== undefined && !aws.ec2.keyPairs.inRegion(region).some((pair) => pair.name === data.keyName)) {
    throw keyPairNotFound(data.keyName);
  }
  const profile = data.iamInstanceProfile && findInstanceProfile(aws.iam, data.iamInstanceProfile);
  if (data.iamInstanceProfile && !profile) {
    const value = data.iamInstanceProfile.name ?? data.iamInstanceProfile.arn;
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${value}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
    );
  }
  const tags = new Map([...tagsFor(data, 'instance'), ...(spec.tags ?? [])]);
  if (spec.launchTemplate) {
    tags.set('aws:ec2launchtemplate:id', spec.launchTemplate.id);
    tags.set('aws:ec2launchtemplate:version', spec.launchTemplate.version);
  }
  const reservationId = ec2Id('r');
  const launchTime = new Date(aws.now());
  return Array.from({length: spec.count}, (_, index) => {
    const id = ec2Id('i');
    const instance: Instance = {
      id,
      region,
      tags: new Map(tags),
      reservationId,
      imageId: image.id,
      instanceType: data.instanceType ?? 'm1.small',
      architecture: image.architecture,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      networkInterfaceId: ec2Id('eni'),
      privateIp: allocatePrivateIp(subnet),
      publicIp: (nic?.associatePublicIpAddress ?? subnet.mapPublicIpOnLaunch) ? randomPublicIp() : undefined,
      keyName: data.keyName,
      securityGroupIds,
      iamInstanceProfile: profile && {arn: profile.arn, id: profile.id},
      userData: data.userData,
      launchTime,
      amiLaunchIndex: index,
      rootDeviceName: image.rootDeviceName,
      volumeIds: attachVolumes(aws, data, image, subnet, id, launchTime),
      metadataHttpTokens: data.metadataOptions?.httpTokens ?? 'optional',
      launchTemplate: spec.launchTemplate,
      lifecycle: new Lifecycle<InstanceState>(aws, 'pending', 'running'),
    };
    return aws.ec2.instances.add(instance);
  });
}

function findImage(aws: AwsState, region: string, imageId: string | undefined): Image {
  if (imageId === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter ImageId');
  const image = aws.ec2.images.get(region, imageId);
  if (!image) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  return image;
}

/** Groups must exist and live in the subnet's VPC; with none given, the VPC's default group is used. */
function checkSecurityGroups(aws: AwsState, subnet: Subnet, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    if (findSecurityGroup(aws, subnet.region, id).vpcId !== subnet.vpcId) {
      throw new AwsError(
        'InvalidParameter',
        `Security group ${id} and subnet ${subnet.id} belong to different networks.`,
      );
    }
  }
  if (unique.length > 0) return unique;
  const fallback = aws.ec2.securityGroups.inRegion(subnet.region)
    .find((group) => group.vpcId === subnet.vpcId && group.name === 'default');
  return fallback ? [fallback.id] : [];
}

function tagsFor(data: LaunchTemplateData, resourceType: string): Map<string, string> {
  return new Map(data.tagSpecifications.filter((spec) => spec.resourceType === resourceType).flatMap((spec) => [...spec.tags]));
}

/** The root volume (from the image, resized by a mapping of its device) plus every other EBS mapping. */
function attachVolumes(
  aws: AwsState,
  data: LaunchTemplateData,
  image: Image,
  subnet: Subnet,
  instanceId: string,
  attachTime: Date,
): string[] {
  const mappings = data.blockDeviceMappings.filter((mapping) => mapping.ebs && !mapping.noDevice);
  const root = mappings.find((mapping) => mapping.deviceName === image.rootDeviceName);
  const devices = [
    {deviceName: image.rootDeviceName, ebs: {volumeSize: image.volumeSize, deleteOnTermination: true, ...root?.ebs}},
    ...mappings.filter((mapping) => mapping !== root),
  ];
  return devices.map((device) => createVolume(aws, {
    region: subnet.region,
    availabilityZone: subnet.availabilityZone,
    size: device.ebs?.volumeSize ?? image.volumeSize,
    volumeType: device.ebs?.volumeType,
    iops: device.ebs?.iops,
    throughput: device.ebs?.throughput,
    encrypted: device.ebs?.encrypted,
    kmsKeyId: device.ebs?.kmsKeyId,
    snapshotId: device === devices[0] ? image.snapshotId : device.ebs?.snapshotId,
    tags: tagsFor(data, 'volume'),
    attachment: {
      instanceId,
      device: device.deviceName ?? '/dev/sdf',
      deleteOnTermination: device.ebs?.deleteOnTermination ?? true,
      attachTime,
    },
  }).id);
}
