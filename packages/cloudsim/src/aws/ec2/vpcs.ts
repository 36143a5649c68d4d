import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {parseCidr} from './cidr.js';
import {describeResources} from './describe.js';
import type {Vpc} from './ec2-state.js';
import {createMainRouteTable} from './route-tables.js';
import {createDefaultSecurityGroup} from './security-groups.js';
import {requestedTags, tagSetXml} from './tags.js';

export interface VpcSpec {
  readonly region: string;
  readonly cidrBlock: string;
  readonly tags?: ReadonlyMap<string, string>;
}

/** Creates a VPC with what AWS creates alongside: its main route table and its `default` security group. */
export function createVpc(aws: AwsState, spec: VpcSpec): Vpc {
  const cidr = parseCidr(spec.cidrBlock);
  if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
    throw new AwsError('InvalidVpc.Range', `The CIDR '${spec.cidrBlock}' is invalid.`);
  }
  const vpc = aws.ec2.vpcs.add({
    id: ec2Id('vpc'),
    region: spec.region,
    tags: new Map(spec.tags),
    cidrBlock: spec.cidrBlock,
    cidrAssociationId: ec2Id('vpc-cidr-assoc'),
    dhcpOptionsId: ec2Id('dopt'),
    instanceTenancy: 'default',
    enableDnsSupport: true,
    enableDnsHostnames: false,
  });
  createMainRouteTable(aws, vpc);
  createDefaultSecurityGroup(aws, vpc);
  return vpc;
}

export function findVpc(aws: AwsState, region: string, id: string): Vpc {
  const vpc = aws.ec2.vpcs.get(region, id);
  if (!vpc) throw vpcNotFound(id);
  return vpc;
}

function vpcNotFound(id: string): AwsError {
  return new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
}

/** What keeps a VPC from being deleted: anything but its main route table and default security group. */
function hasDependencies(aws: AwsState, vpc: Vpc): boolean {
  const {ec2} = aws;
  const inVpc = (resource: {vpcId: string}) => resource.vpcId === vpc.id;
  return (
    ec2.subnets.inRegion(vpc.region).some(inVpc) ||
    ec2.internetGateways.inRegion(vpc.region).some((gateway) => gateway.attachedVpcId === vpc.id) ||
    ec2.securityGroups.inRegion(vpc.region).some((group) => inVpc(group) && group.name !== 'default') ||
    ec2.routeTables.inRegion(vpc.region).some((table) => inVpc(table) && !table.associations.some((a) => a.main)) ||
    ec2.natGateways.inRegion(vpc.region).some((gateway) => inVpc(gateway) && gateway.lifecycle.state !== 'deleted')
  );
}

function vpcXml(vpc: Vpc, state: 'pending' | 'available'): XmlFields {
  return {
    vpcId: vpc.id,
    ownerId: AWS_ACCOUNT_ID,
    state,
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: items([
      {associationId: vpc.cidrAssociationId, cidrBlock: vpc.cidrBlock, cidrBlockState: {state: 'associated'}},
    ]),
    dhcpOptionsId: vpc.dhcpOptionsId,
    instanceTenancy: vpc.instanceTenancy,
    isDefault: false,
    tagSet: tagSetXml(vpc.tags),
  };
}

const ATTRIBUTES = ['enableDnsSupport', 'enableDnsHostnames'] as const;

export const vpcHandlers: QueryHandlers = {
  CreateVpc(call) {
    const vpc = createVpc(call.aws, {
      region: call.region,
      cidrBlock: call.input.requireString('CidrBlock'),
      tags: requestedTags(call, 'vpc'),
    });
    return {vpc: vpcXml(vpc, 'pending')};
  },

  DeleteVpc({input, region, aws}) {
    const vpc = findVpc(aws, region, input.requireString('VpcId'));
    if (hasDependencies(aws, vpc)) {
      throw new AwsError('DependencyViolation', `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
    }
    // What AWS created with the VPC goes with it.
    for (const table of aws.ec2.routeTables.inRegion(region)) {
      if (table.vpcId === vpc.id) aws.ec2.routeTables.delete(table.id);
    }
    for (const group of aws.ec2.securityGroups.inRegion(region)) {
      if (group.vpcId === vpc.id) aws.ec2.securityGroups.delete(group.id);
    }
    aws.ec2.vpcs.delete(vpc.id);
    return {return: true};
  },

  DescribeVpcs(call) {
    const page = describeResources(call, {
      table: call.aws.ec2.vpcs,
      idParam: 'VpcId',
      notFound: vpcNotFound,
      fields: {
        'vpc-id': (vpc) => vpc.id,
        cidr: (vpc) => vpc.cidrBlock,
        'cidr-block-association.cidr-block': (vpc) => vpc.cidrBlock,
        'dhcp-options-id': (vpc) => vpc.dhcpOptionsId,
        'is-default': () => 'false',
        'owner-id': () => AWS_ACCOUNT_ID,
        state: () => 'available',
      },
    });
    return {vpcSet: items(page.items.map((vpc) => vpcXml(vpc, 'available'))), nextToken: page.nextToken};
  },

  ModifyVpcAttribute({input, region, aws}) {
    const vpc = findVpc(aws, region, input.requireString('VpcId'));
    const given = ATTRIBUTES.filter((attribute) => input.has(`${capitalize(attribute)}.Value`));
    if (given.length !== 1) {
      throw new AwsError(
        'InvalidParameterCombination',
        'Exactly one attribute must be modified per ModifyVpcAttribute call.',
      );
    }
    for (const attribute of given) vpc[attribute] = input.boolean(`${capitalize(attribute)}.Value`) ?? false;
    return {return: true};
  },

  DescribeVpcAttribute({input, region, aws}) {
    const vpc = findVpc(aws, region, input.requireString('VpcId'));
    const attribute = input.requireString('Attribute');
    if (!(ATTRIBUTES as readonly string[]).includes(attribute)) {
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
    }
    return {vpcId: vpc.id, [attribute]: {value: vpc[attribute as (typeof ATTRIBUTES)[number]]}};
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
