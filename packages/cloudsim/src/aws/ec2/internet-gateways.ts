import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {InternetGateway} from './ec2-state.js';
import {requestedTags, tagSetXml} from './tags.js';
import {findVpc} from './vpcs.js';

function findInternetGateway(aws: AwsState, region: string, id: string): InternetGateway {
  const gateway = aws.ec2.internetGateways.get(region, id);
  if (!gateway) throw internetGatewayNotFound(id);
  return gateway;
}

function internetGatewayNotFound(id: string): AwsError {
  return new AwsError('InvalidInternetGatewayID.NotFound', `The internetGateway ID '${id}' does not exist`);
}

function internetGatewayXml(gateway: InternetGateway): XmlFields {
  return {
    internetGatewayId: gateway.id,
    ownerId: AWS_ACCOUNT_ID,
    attachmentSet: items(gateway.attachedVpcId ? [{vpcId: gateway.attachedVpcId, state: 'available'}] : []),
    tagSet: tagSetXml(gateway.tags),
  };
}

export const internetGatewayHandlers: QueryHandlers = {
  CreateInternetGateway(call) {
    const gateway = call.aws.ec2.internetGateways.add({
      id: ec2Id('igw'),
      region: call.region,
      tags: requestedTags(call, 'internet-gateway'),
      attachedVpcId: undefined,
    });
    return {internetGateway: internetGatewayXml(gateway)};
  },

  DeleteInternetGateway({input, region, aws}) {
    const gateway = findInternetGateway(aws, region, input.requireString('InternetGatewayId'));
    if (gateway.attachedVpcId) {
      throw new AwsError(
        'DependencyViolation',
        `The internetGateway '${gateway.id}' has dependencies and cannot be deleted.`,
      );
    }
    aws.ec2.internetGateways.delete(gateway.id);
    return {return: true};
  },

  AttachInternetGateway({input, region, aws}) {
    const gateway = findInternetGateway(aws, region, input.requireString('InternetGatewayId'));
    const vpc = findVpc(aws, region, input.requireString('VpcId'));
    if (gateway.attachedVpcId) {
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `resource ${gateway.id} is already attached to network ${gateway.attachedVpcId}`,
      );
    }
    const other = aws.ec2.internetGateways.inRegion(region).find((candidate) => candidate.attachedVpcId === vpc.id);
    if (other) {
      throw new AwsError('Resource.AlreadyAssociated', `Network ${vpc.id} already has an internet gateway attached`);
    }
    gateway.attachedVpcId = vpc.id;
    return {return: true};
  },

  DetachInternetGateway({input, region, aws}) {
    const gateway = findInternetGateway(aws, region, input.requireString('InternetGatewayId'));
    const vpcId = input.requireString('VpcId');
    if (gateway.attachedVpcId !== vpcId) {
      throw new AwsError('Gateway.NotAttached', `resource ${gateway.id} is not attached to network ${vpcId}`);
    }
    gateway.attachedVpcId = undefined;
    return {return: true};
  },

  DescribeInternetGateways(call) {
    const page = describeResources(call, {
      table: call.aws.ec2.internetGateways,
      idParam: 'InternetGatewayId',
      notFound: internetGatewayNotFound,
      fields: {
        'internet-gateway-id': (gateway) => gateway.id,
        'attachment.vpc-id': (gateway) => gateway.attachedVpcId,
        'attachment.state': (gateway) => (gateway.attachedVpcId ? 'available' : undefined),
        'owner-id': () => AWS_ACCOUNT_ID,
      },
    });
    return {internetGatewaySet: items(page.items.map(internetGatewayXml)), nextToken: page.nextToken};
  },
};
