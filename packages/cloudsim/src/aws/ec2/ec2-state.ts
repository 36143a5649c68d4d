import type {Lifecycle} from '../lifecycle.js';
import type {LaunchTemplateData} from './launch-template-data.js';
import {RegionalTable, type Ec2Resource} from './regional-table.js';
import {seedImages} from './images.js';

export interface Vpc extends Ec2Resource {
  readonly cidrBlock: string;
  readonly cidrAssociationId: string;
  readonly dhcpOptionsId: string;
  readonly instanceTenancy: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

export interface Subnet extends Ec2Resource {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly availabilityZone: string;
  readonly availabilityZoneId: string;
  mapPublicIpOnLaunch: boolean;
  /** Offset of the next private address to hand out; AWS reserves the first four of every subnet. */
  nextHost: number;
}

export interface InternetGateway extends Ec2Resource {
  attachedVpcId: string | undefined;
}

export interface Route {
  readonly destinationCidrBlock: string;
  readonly gatewayId?: string;
  readonly natGatewayId?: string;
  readonly instanceId?: string;
  readonly origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociation {
  readonly id: string;
  readonly subnetId?: string;
  readonly main: boolean;
}

export interface RouteTable extends Ec2Resource {
  readonly vpcId: string;
  routes: Route[];
  associations: RouteTableAssociation[];
}

export type NatGatewayState = 'pending' | 'available' | 'deleting' | 'deleted';

export interface NatGateway extends Ec2Resource {
  readonly vpcId: string;
  readonly subnetId: string;
  readonly allocationId?: string;
  readonly connectivityType: string;
  readonly networkInterfaceId: string;
  readonly privateIp: string;
  readonly createTime: Date;
  deleteTime?: Date;
  readonly lifecycle: Lifecycle<NatGatewayState>;
}

export interface Address extends Ec2Resource {
  readonly publicIp: string;
  association?: {readonly id: string; readonly natGatewayId?: string; readonly instanceId?: string};
}

export interface SecurityGroupRule {
  readonly id: string;
  readonly groupId: string;
  readonly isEgress: boolean;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedGroupId?: string;
  readonly description?: string;
  readonly tags: Map<string, string>;
}

export interface SecurityGroup extends Ec2Resource {
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  rules: SecurityGroupRule[];
}

export interface KeyPair extends Ec2Resource {
  readonly name: string;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly publicKey: string;
  readonly createTime: Date;
}

export interface LaunchTemplateVersion {
  readonly number: number;
  readonly description?: string;
  readonly data: LaunchTemplateData;
  readonly createTime: Date;
}

export interface LaunchTemplate extends Ec2Resource {
  readonly name: string;
  readonly createTime: Date;
  defaultVersion: number;
  readonly versions: LaunchTemplateVersion[];
}

export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated';

export interface Instance extends Ec2Resource {
  readonly reservationId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly architecture: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
  readonly networkInterfaceId: string;
  readonly privateIp: string;
  readonly publicIp?: string;
  readonly keyName?: string;
  readonly securityGroupIds: readonly string[];
  readonly iamInstanceProfile?: {readonly arn: string; readonly id: string};
  readonly userData?: string;
  readonly launchTime: Date;
  readonly amiLaunchIndex: number;
  readonly rootDeviceName: string;
  readonly volumeIds: readonly string[];
  readonly metadataHttpTokens: string;
  /** The launch template and resolved version number the instance was launched from. */
  readonly launchTemplate?: {readonly id: string; readonly name: string; readonly version: string};
  readonly lifecycle: Lifecycle<InstanceState>;
}

export interface Volume extends Ec2Resource {
  readonly availabilityZone: string;
  /** Size, type and performance change in place with ModifyVolume. */
  size: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
  readonly encrypted: boolean;
  readonly kmsKeyId?: string;
  readonly snapshotId?: string;
  readonly createTime: Date;
  attachment?: VolumeAttachment;
}

export interface VolumeAttachment {
  readonly instanceId: string;
  readonly device: string;
  readonly deleteOnTermination: boolean;
  readonly attachTime: Date;
}

export interface Image extends Ec2Resource {
  readonly name: string;
  readonly ownerId: string;
  readonly ownerAlias?: string;
  readonly description: string;
  readonly architecture: string;
  readonly creationDate: string;
  readonly rootDeviceName: string;
  readonly snapshotId: string;
  readonly volumeSize: number;
}

export interface TaggableTable {
  readonly prefix: string;
  readonly resourceType: string;
  readonly notFoundCode: string;
  readonly table: RegionalTable<Ec2Resource>;
}

/** Every EC2 resource of the simulated account, in all regions. */
export class Ec2State {
  readonly vpcs = new RegionalTable<Vpc>();
  readonly subnets = new RegionalTable<Subnet>();
  readonly internetGateways = new RegionalTable<InternetGateway>();
  readonly routeTables = new RegionalTable<RouteTable>();
  readonly natGateways = new RegionalTable<NatGateway>();
  readonly addresses = new RegionalTable<Address>();
  readonly securityGroups = new RegionalTable<SecurityGroup>();
  readonly keyPairs = new RegionalTable<KeyPair>();
  readonly launchTemplates = new RegionalTable<LaunchTemplate>();
  readonly instances = new RegionalTable<Instance>();
  readonly volumes = new RegionalTable<Volume>();
  readonly images = new RegionalTable<Image>();

  constructor() {
    seedImages(this.images);
  }

  /** The taggable tables, by ID prefix, with the type name DescribeTags reports and the not-found code. */
  taggable(): readonly TaggableTable[] {
    return [
      {prefix: 'vpc-', resourceType: 'vpc', notFoundCode: 'InvalidVpcID.NotFound', table: this.vpcs},
      {prefix: 'subnet-', resourceType: 'subnet', notFoundCode: 'InvalidSubnetID.NotFound', table: this.subnets},
      {prefix: 'igw-', resourceType: 'internet-gateway', notFoundCode: 'InvalidInternetGatewayID.NotFound', table: this.internetGateways},
      {prefix: 'rtb-', resourceType: 'route-table', notFoundCode: 'InvalidRouteTableID.NotFound', table: this.routeTables},
      {prefix: 'nat-', resourceType: 'natgateway', notFoundCode: 'NatGatewayNotFound', table: this.natGateways},
      {prefix: 'eipalloc-', resourceType: 'elastic-ip', notFoundCode: 'InvalidAllocationID.NotFound', table: this.addresses},
      {prefix: 'sg-', resourceType: 'security-group', notFoundCode: 'InvalidGroup.NotFound', table: this.securityGroups},
      {prefix: 'key-', resourceType: 'key-pair', notFoundCode: 'InvalidKeyPair.NotFound', table: this.keyPairs},
      {prefix: 'lt-', resourceType: 'launch-template', notFoundCode: 'InvalidLaunchTemplateId.NotFound', table: this.launchTemplates},
      {prefix: 'i-', resourceType: 'instance', notFoundCode: 'InvalidInstanceID.NotFound', table: this.instances},
      {prefix: 'vol-', resourceType: 'volume', notFoundCode: 'InvalidVolume.NotFound', table: this.volumes},
      {prefix: 'ami-', resourceType: 'image', notFoundCode: 'InvalidAMIID.NotFound', table: this.images},
    ];
  }

  reset(): void {
    for (const {table} of this.taggable()) table.clear();
    seedImages(this.images);
  }
}
