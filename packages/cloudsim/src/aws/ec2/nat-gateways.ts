import type {AwsState} from '../aws-state.js';
import {Lifecycle} from '../lifecycle.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {findAddress} from './addresses.js';
import {describeResources} from './describe.js';
import type {NatGateway, NatGatewayState} from './ec2-state.js';
import {allocatePrivateIp, findSubnet} from './subnets.js';
import {requestedTags, tagSetXml} from './tags.js';

function natGatewayNotFound(id: string): AwsError {
  return new AwsError('NatGatewayNotFound', `The Nat Gateway ${id} was not found`);
}

function natGatewayXml(aws: AwsState, gateway: NatGateway): XmlFields {
  const address = gateway.allocationId ? aws.ec2.addresses.get(gateway.region, gateway.allocationId) : undefined;
  return {
    natGatewayId: gateway.id,
    subnetId: gateway.subnetId,
    vpcId: gateway.vpcId,
    state: gateway.lifecycle.state,
    createTime: gateway.createTime,
    deleteTime: gateway.deleteTime,
    connectivityType: gateway.connectivityType,
    natGatewayAddressSet: items([{
      allocationId: gateway.allocationId,
      publicIp: address?.publicIp,
      privateIp: gateway.privateIp,
      networkInterfaceId: gateway.networkInterfaceId,
      associationId: address?.association?.id,
      isPrimary: true,
      status: 'succeeded',
    }]),
    tagSet: tagSetXml(gateway.tags),
  };
}

/**
 * Releases the Elastic IP of gateways that reached `deleted`, and forgets them once they have been
 * visible as deleted for the retention time (AWS shows deleted gateways for about an hour).
 */
export function settleNatGateways(aws: AwsState): void {
  for (const gateway of aws.ec2.natGateways.all()) {
    if (gateway.lifecycle.state !== 'deleted') continue;
    const address = gateway.allocationId ? aws.ec2.addresses.get(gateway.region, gateway.allocationId) : undefined;
    if (address?.association?.natGatewayId === gateway.id) address.association = undefined;
    if (aws.now() - gateway.lifecycle.since >= aws.terminatedRetentionMs) aws.ec2.natGateways.delete(gateway.id);
  }
}

export const natGatewayHandlers: QueryHandlers = {
  CreateNatGateway(call) {
    const {input, region, aws} = call;
    const subnet = findSubnet(aws, region, input.requireString('SubnetId'));
    const connectivityType = input.string('ConnectivityType') ?? 'public';
    const allocationId = input.string('AllocationId');
    if (connectivityType === 'public' && !allocationId) {
      throw new AwsError('MissingParameter', 'A public NAT gateway requires the parameter AllocationId');
    }
    const address = allocationId ? findAddress(aws, region, allocationId) : undefined;
    if (address?.association) {
      throw new AwsError('Resource.AlreadyAssociated', `Elastic IP address [${address.id}] is already associated`);
    }
    const gateway = aws.ec2.natGateways.add({
      id: ec2Id('nat'),
      region,
      tags: requestedTags(call, 'natgateway'),
      vpcId: subnet.vpcId,
      subnetId: subnet.id,
      allocationId,
      connectivityType,
      networkInterfaceId: ec2Id('eni'),
      privateIp: allocatePrivateIp(subnet),
      createTime: new Date(aws.now()),
      lifecycle: new Lifecycle<NatGatewayState>(aws, 'pending', 'available'),
    });
    if (address) address.association = {id: ec2Id('eipassoc'), natGatewayId: gateway.id};
    return {natGateway: natGatewayXml(aws, gateway), clientToken: input.string('ClientToken')};
  },

  DeleteNatGateway({input, region, aws}) {
    const id = input.requireString('NatGatewayId');
    const gateway = aws.ec2.natGateways.get(region, id);
    if (!gateway || gateway.lifecycle.state === 'deleted') throw natGatewayNotFound(id);
    if (gateway.lifecycle.state !== 'deleting') {
      gateway.lifecycle.moveTo('deleting', 'deleted');
      gateway.deleteTime = new Date(aws.now());
    }
    return {natGatewayId: gateway.id};
  },

  DescribeNatGateways(call) {
    const {aws} = call;
    const page = describeResources(call, {
      table: aws.ec2.natGateways,
      idParam: 'NatGatewayId',
      notFound: natGatewayNotFound,
      fields: {
        'nat-gateway-id': (gateway) => gateway.id,
        state: (gateway) => gateway.lifecycle.state,
        'subnet-id': (gateway) => gateway.subnetId,
        'vpc-id': (gateway) => gateway.vpcId,
      },
    });
    const natGatewaySet = items(page.items.map((gateway) => natGatewayXml(aws, gateway)));
    for (const gateway of page.items) gateway.lifecycle.observe();
    return {natGatewaySet, nextToken: page.nextToken};
  },
};
