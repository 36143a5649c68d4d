import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {cidrContains, cidrSize, cidrsOverlap, hostAddress, parseCidr} from './cidr.js';
import {describeResources} from './describe.js';
import type {Subnet} from './ec2-state.js';
import {requestedTags, tagSetXml} from './tags.js';
import {findVpc} from './vpcs.js';
import {zonesOf} from './zones.js';

export interface SubnetSpec {
  readonly region: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  /** Zone name; the region's first zone when absent. */
  readonly availabilityZone?: string;
  readonly availabilityZoneId?: string;
  readonly tags?: ReadonlyMap<string, string>;
}

/** AWS keeps the first four addresses and the last one of every subnet for itself. */
const RESERVED_ADDRESSES = 5;
const FIRST_HOST = 4;

export function createSubnet(aws: AwsState, spec: SubnetSpec): Subnet {
  const vpc = findVpc(aws, spec.region, spec.vpcId);
  const cidr = parseCidr(spec.cidrBlock);
  const vpcCidr = parseCidr(vpc.cidrBlock);
  if (!cidr || !vpcCidr || !cidrContains(vpcCidr, cidr) || cidr.prefix > 28) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${spec.cidrBlock}' is invalid.`);
  }
  const siblings = aws.ec2.subnets.inRegion(spec.region).filter((subnet) => subnet.vpcId === vpc.id);
  if (siblings.some((subnet) => cidrsOverlap(cidr, parseCidr(subnet.cidrBlock) ?? cidr))) {
    throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${spec.cidrBlock}' conflicts with another subnet`);
  }
  const zones = zonesOf(spec.region);
  const zone = zones.find((candidate) =>
    spec.availabilityZone !== undefined ? candidate.name === spec.availabilityZone
      : spec.availabilityZoneId !== undefined ? candidate.id === spec.availabilityZoneId : true);
  if (!zone) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${spec.availabilityZone ?? spec.availabilityZoneId}) for parameter availabilityZone is invalid. ` +
        `Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.name).join(', ')}.`,
    );
  }
  return aws.ec2.subnets.add({
    id: ec2Id('subnet'),
    region: spec.region,
    tags: new Map(spec.tags),
    vpcId: vpc.id,
    cidrBlock: spec.cidrBlock,
    availabilityZone: zone.name,
    availabilityZoneId: zone.id,
    mapPublicIpOnLaunch: false,
    nextHost: FIRST_HOST,
  });
}

export function findSubnet(aws: AwsState, region: string, id: string): Subnet {
  const subnet = aws.ec2.subnets.get(region, id);
  if (!subnet) throw subnetNotFound(id);
  return subnet;
}

function subnetNotFound(id: string): AwsError {
  return new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
}

/** Hands out the subnet's next private address (addresses are not reused, which keeps them unique). */
export function allocatePrivateIp(subnet: Subnet): string {
  const cidr = parseCidr(subnet.cidrBlock);
  if (!cidr || subnet.nextHost >= cidrSize(cidr) - 1) {
    throw new AwsError(
      'InsufficientFreeAddressesInSubnet',
      `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`,
    );
  }
  const address = hostAddress(cidr, subnet.nextHost);
  subnet.nextHost += 1;
  return address;
}

function addressesInUse(aws: AwsState, subnet: Subnet): number {
  const instances = aws.ec2.instances.inRegion(subnet.region)
    .filter((instance) => instance.subnetId === subnet.id && instance.lifecycle.state !== 'terminated');
  const gateways = aws.ec2.natGateways.inRegion(subnet.region)
    .filter((gateway) => gateway.subnetId === subnet.id && gateway.lifecycle.state !== 'deleted');
  return instances.length + gateways.length;
}

function hasDependencies(aws: AwsState, subnet: Subnet): boolean {
  return (
    addressesInUse(aws, subnet) > 0 ||
    [...aws.elbv2.loadBalancers.values()].some((balancer) => balancer.subnetIds.includes(subnet.id))
  );
}

function subnetXml(aws: AwsState, subnet: Subnet): XmlFields {
  const size = cidrSize(parseCidr(subnet.cidrBlock) ?? {base: 0, prefix: 32});
  return {
    subnetId: subnet.id,
    subnetArn: `arn:aws:ec2:${subnet.region}:${AWS_ACCOUNT_ID}:subnet/${subnet.id}`,
    state: 'available',
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    availableIpAddressCount: size - RESERVED_ADDRESSES - addressesInUse(aws, subnet),
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: subnet.availabilityZoneId,
    defaultForAz: false,
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    assignIpv6AddressOnCreation: false,
    ipv6CidrBlockAssociationSet: items([]),
    ownerId: AWS_ACCOUNT_ID,
    tagSet: tagSetXml(subnet.tags),
  };
}

export const subnetHandlers: QueryHandlers = {
  CreateSubnet(call) {
    const {input, region, aws} = call;
    const subnet = createSubnet(aws, {
      region,
      vpcId: input.requireString('VpcId'),
      cidrBlock: input.requireString('CidrBlock'),
      availabilityZone: input.string('AvailabilityZone'),
      availabilityZoneId: input.string('AvailabilityZoneId'),
      tags: requestedTags(call, 'subnet'),
    });
    return {subnet: subnetXml(aws, subnet)};
  },

  DeleteSubnet({input, region, aws}) {
    const subnet = findSubnet(aws, region, input.requireString('SubnetId'));
    if (hasDependencies(aws, subnet)) {
      throw new AwsError('DependencyViolation', `The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
    }
    // Deleting a subnet drops its route table association, as on AWS.
    for (const table of aws.ec2.routeTables.inRegion(region)) {
      table.associations = table.associations.filter((association) => association.subnetId !== subnet.id);
    }
    aws.ec2.subnets.delete(subnet.id);
    return {return: true};
  },

  ModifySubnetAttribute({input, region, aws}) {
    const subnet = findSubnet(aws, region, input.requireString('SubnetId'));
    const mapPublicIp = input.boolean('MapPublicIpOnLaunch.Value');
    if (mapPublicIp !== undefined) subnet.mapPublicIpOnLaunch = mapPublicIp;
    return {return: true};
  },

  DescribeSubnets(call) {
    const {aws} = call;
    const page = describeResources(call, {
      table: aws.ec2.subnets,
      idParam: 'SubnetId',
      notFound: subnetNotFound,
      fields: {
        'subnet-id': (subnet) => subnet.id,
        'vpc-id': (subnet) => subnet.vpcId,
        'cidr-block': (subnet) => subnet.cidrBlock,
        cidr: (subnet) => subnet.cidrBlock,
        'availability-zone': (subnet) => subnet.availabilityZone,
        'availability-zone-id': (subnet) => subnet.availabilityZoneId,
        'default-for-az': () => 'false',
        'map-public-ip-on-launch': (subnet) => String(subnet.mapPublicIpOnLaunch),
        'owner-id': () => AWS_ACCOUNT_ID,
        state: () => 'available',
      },
    });
    return {subnetSet: items(page.items.map((subnet) => subnetXml(aws, subnet))), nextToken: page.nextToken};
  },
};
