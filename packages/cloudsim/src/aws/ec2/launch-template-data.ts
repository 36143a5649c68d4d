import type {QueryInput} from '../wire/query-input.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {readTagSpecifications, tagSetXml, type TagSpecification} from './tags.js';

/**
 * The instance settings a launch template version holds, or RunInstances receives (both use the same
 * parameter names). Only what a cluster provisioner sets is modelled; UserData is kept base64 as sent.
 */
export interface LaunchTemplateData {
  readonly imageId?: string;
  readonly instanceType?: string;
  readonly keyName?: string;
  readonly userData?: string;
  readonly ebsOptimized?: boolean;
  readonly iamInstanceProfile?: {readonly arn?: string; readonly name?: string};
  readonly securityGroupIds: readonly string[];
  readonly networkInterfaces: readonly NetworkInterfaceSpec[];
  readonly blockDeviceMappings: readonly BlockDeviceSpec[];
  readonly tagSpecifications: readonly TagSpecification[];
  readonly metadataOptions?: MetadataOptionsSpec;
  readonly monitoring?: {readonly enabled?: boolean};
  readonly placement?: {readonly availabilityZone?: string; readonly tenancy?: string};
  readonly instanceMarketOptions?: {readonly marketType?: string; readonly spotOptions?: {readonly maxPrice?: string}};
  readonly creditSpecification?: {readonly cpuCredits?: string};
}

export interface NetworkInterfaceSpec {
  readonly deviceIndex?: number;
  readonly associatePublicIpAddress?: boolean;
  readonly deleteOnTermination?: boolean;
  readonly subnetId?: string;
  readonly groups: readonly string[];
}

export interface BlockDeviceSpec {
  readonly deviceName?: string;
  readonly noDevice?: string;
  readonly ebs?: {
    readonly volumeSize?: number;
    readonly volumeType?: string;
    readonly iops?: number;
    readonly throughput?: number;
    readonly encrypted?: boolean;
    readonly deleteOnTermination?: boolean;
    readonly kmsKeyId?: string;
    readonly snapshotId?: string;
  };
}

export interface MetadataOptionsSpec {
  readonly httpTokens?: string;
  readonly httpPutResponseHopLimit?: number;
  readonly httpEndpoint?: string;
  readonly instanceMetadataTags?: string;
}

/** Reads the settings under `LaunchTemplateData.` (or at the top level of RunInstances). */
export function readLaunchTemplateData(node: QueryInput | undefined): LaunchTemplateData {
  if (!node) return {securityGroupIds: [], networkInterfaces: [], blockDeviceMappings: [], tagSpecifications: []};
  return prune({
    imageId: node.string('ImageId'),
    instanceType: node.string('InstanceType'),
    keyName: node.string('KeyName'),
    userData: node.string('UserData'),
    ebsOptimized: node.boolean('EbsOptimized'),
    iamInstanceProfile: optional(node, 'IamInstanceProfile', (profile) => ({arn: profile.string('Arn'), name: profile.string('Name')})),
    securityGroupIds: node.strings('SecurityGroupId'),
    networkInterfaces: node.list('NetworkInterface').map((nic) => prune({
      deviceIndex: nic.integer('DeviceIndex'),
      associatePublicIpAddress: nic.boolean('AssociatePublicIpAddress'),
      deleteOnTermination: nic.boolean('DeleteOnTermination'),
      subnetId: nic.string('SubnetId'),
      groups: nic.strings('SecurityGroupId'),
    })),
    blockDeviceMappings: node.list('BlockDeviceMapping').map((mapping) => prune({
      deviceName: mapping.string('DeviceName'),
      noDevice: mapping.string('NoDevice'),
      ebs: optional(mapping, 'Ebs', (ebs) => prune({
        volumeSize: ebs.integer('VolumeSize'),
        volumeType: ebs.string('VolumeType'),
        iops: ebs.integer('Iops'),
        throughput: ebs.integer('Throughput'),
        encrypted: ebs.boolean('Encrypted'),
        deleteOnTermination: ebs.boolean('DeleteOnTermination'),
        kmsKeyId: ebs.string('KmsKeyId'),
        snapshotId: ebs.string('SnapshotId'),
      })),
    })),
    tagSpecifications: readTagSpecifications(node),
    metadataOptions: optional(node, 'MetadataOptions', (options) => prune({
      httpTokens: options.string('HttpTokens'),
      httpPutResponseHopLimit: options.integer('HttpPutResponseHopLimit'),
      httpEndpoint: options.string('HttpEndpoint'),
      instanceMetadataTags: options.string('InstanceMetadataTags'),
    })),
    monitoring: optional(node, 'Monitoring', (monitoring) => prune({enabled: monitoring.boolean('Enabled')})),
    placement: optional(node, 'Placement', (placement) => prune({
      availabilityZone: placement.string('AvailabilityZone'),
      tenancy: placement.string('Tenancy'),
    })),
    instanceMarketOptions: optional(node, 'InstanceMarketOptions', (market) => prune({
      marketType: market.string('MarketType'),
      spotOptions: optional(market, 'SpotOptions', (spot) => prune({maxPrice: spot.string('MaxPrice')})),
    })),
    creditSpecification: optional(node, 'CreditSpecification', (credit) => prune({cpuCredits: credit.string('CpuCredits')})),
  });
}

/** A new version based on `source`: every setting given in `changes` replaces the source's. */
export function mergeLaunchTemplateData(source: LaunchTemplateData, changes: LaunchTemplateData): LaunchTemplateData {
  const given = Object.entries(changes).filter(([, value]) => !(Array.isArray(value) && value.length === 0));
  return {...source, ...Object.fromEntries(given)};
}

/** The `launchTemplateData` element of DescribeLaunchTemplateVersions. */
export function launchTemplateDataXml(data: LaunchTemplateData): XmlFields {
  return {
    imageId: data.imageId,
    instanceType: data.instanceType,
    keyName: data.keyName,
    userData: data.userData,
    ebsOptimized: data.ebsOptimized,
    iamInstanceProfile: data.iamInstanceProfile && {arn: data.iamInstanceProfile.arn, name: data.iamInstanceProfile.name},
    securityGroupIdSet: data.securityGroupIds.length > 0 ? items(data.securityGroupIds) : undefined,
    networkInterfaceSet: data.networkInterfaces.length > 0 ? items(data.networkInterfaces.map((nic) => ({
      associatePublicIpAddress: nic.associatePublicIpAddress,
      deleteOnTermination: nic.deleteOnTermination,
      deviceIndex: nic.deviceIndex,
      groupSet: {groupId: nic.groups},
      subnetId: nic.subnetId,
    }))) : undefined,
    blockDeviceMappingSet: data.blockDeviceMappings.length > 0 ? items(data.blockDeviceMappings.map((mapping) => ({
      deviceName: mapping.deviceName,
      noDevice: mapping.noDevice,
      ebs: mapping.ebs && {...mapping.ebs},
    }))) : undefined,
    tagSpecificationSet: data.tagSpecifications.length > 0 ? items(data.tagSpecifications.map((spec) => ({
      resourceType: spec.resourceType,
      tagSet: tagSetXml(spec.tags),
    }))) : undefined,
    metadataOptions: data.metadataOptions && {...data.metadataOptions},
    monitoring: data.monitoring && {...data.monitoring},
    placement: data.placement && {...data.placement},
    instanceMarketOptions: data.instanceMarketOptions && {
      marketType: data.instanceMarketOptions.marketType,
      spotOptions: data.instanceMarketOptions.spotOptions && {...data.instanceMarketOptions.spotOptions},
    },
    creditSpecification: data.creditSpecification && {...data.creditSpecification},
  };
}

function optional<T>(node: QueryInput, path: string, read: (child: QueryInput) => T): T | undefined {
  const child = node.node(path);
  return child ? read(child) : undefined;
}

/** Drops undefined members so merged and rendered objects carry only what the caller set. */
function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
