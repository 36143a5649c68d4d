import {randomInt} from 'node:crypto';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import type {Address} from './ec2-state.js';
import {requestedTags, tagSetXml} from './tags.js';

/** First octets of real AWS public ranges, so the addresses look like AWS ones. */
const PUBLIC_FIRST_OCTETS = [3, 18, 34, 44, 52, 54];

export function randomPublicIp(): string {
  const first = PUBLIC_FIRST_OCTETS[randomInt(PUBLIC_FIRST_OCTETS.length)];
  return [first, randomInt(256), randomInt(256), randomInt(1, 255)].join('.');
}

export function findAddress(aws: AwsState, region: string, allocationId: string): Address {
  const address = aws.ec2.addresses.get(region, allocationId);
  if (!address) throw new AwsError('InvalidAllocationID.NotFound', `The allocation ID '${allocationId}' does not exist`);
  return address;
}

function addressXml(aws: AwsState, address: Address): XmlFields {
  const natGateway = address.association?.natGatewayId
    ? aws.ec2.natGateways.get(address.region, address.association.natGatewayId)
    : undefined;
  return {
    publicIp: address.publicIp,
    allocationId: address.id,
    domain: 'vpc',
    associationId: address.association?.id,
    instanceId: address.association?.instanceId,
    networkInterfaceId: natGateway?.networkInterfaceId,
    privateIpAddress: natGateway?.privateIp,
    publicIpv4Pool: 'amazon',
    networkBorderGroup: address.region,
    tagSet: tagSetXml(address.tags),
  };
}

export const addressHandlers: QueryHandlers = {
  AllocateAddress(call) {
    const address = call.aws.ec2.addresses.add({
      id: ec2Id('eipalloc'),
      region: call.region,
      tags: requestedTags(call, 'elastic-ip'),
      publicIp: randomPublicIp(),
    });
    return {
      publicIp: address.publicIp,
      allocationId: address.id,
      domain: 'vpc',
      publicIpv4Pool: 'amazon',
      networkBorderGroup: address.region,
    };
  },

  ReleaseAddress({input, region, aws}) {
    const address = findAddress(aws, region, input.requireString('AllocationId'));
    if (address.association) throw new AwsError('InvalidIPAddress.InUse', `Address ${address.publicIp} is in use.`);
    aws.ec2.addresses.delete(address.id);
    return {return: true};
  },

  DescribeAddresses({input, region, aws}) {
    const wantedIds = input.strings('AllocationId');
    const wantedIps = input.strings('PublicIp');
    for (const id of wantedIds) findAddress(aws, region, id);
    const addresses = aws.ec2.addresses.inRegion(region).filter((address) =>
      (wantedIds.length === 0 || wantedIds.includes(address.id)) &&
      (wantedIps.length === 0 || wantedIps.includes(address.publicIp)));
    const matching = applyFilters(addresses, readFilters(input, 'Filter', 'Value'), {
      fields: {
        'allocation-id': (address) => address.id,
        'public-ip': (address) => address.publicIp,
        domain: () => 'vpc',
        'association-id': (address) => address.association?.id,
        'instance-id': (address) => address.association?.instanceId,
      },
      tags: (address) => address.tags,
    });
    return {addressesSet: items(matching.map((address) => addressXml(aws, address)))};
  },
};
