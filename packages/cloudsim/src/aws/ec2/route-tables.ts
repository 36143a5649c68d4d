import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import type {QueryInput} from '../wire/query-input.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {Route, RouteTable, Vpc} from './ec2-state.js';
import {findSubnet} from './subnets.js';
import {requestedTags, tagSetXml} from './tags.js';
import {findVpc} from './vpcs.js';

function newRouteTable(aws: AwsState, vpc: Vpc, tags: Map<string, string>, main: boolean): RouteTable {
  return aws.ec2.routeTables.add({
    id: ec2Id('rtb'),
    region: vpc.region,
    tags,
    vpcId: vpc.id,
    routes: [{destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable'}],
    associations: main ? [{id: ec2Id('rtbassoc'), main: true}] : [],
  });
}

/** Every VPC comes with a main route table holding the local route. */
export function createMainRouteTable(aws: AwsState, vpc: Vpc): RouteTable {
  return newRouteTable(aws, vpc, new Map(), true);
}

function findRouteTable(aws: AwsState, region: string, id: string): RouteTable {
  const table = aws.ec2.routeTables.get(region, id);
  if (!table) throw routeTableNotFound(id);
  return table;
}

function routeTableNotFound(id: string): AwsError {
  return new AwsError('InvalidRouteTableID.NotFound', `The routeTable ID '${id}' does not exist`);
}

/** The route a CreateRoute or ReplaceRoute call describes. */
function readRoute(input: QueryInput): Route {
  return {
    destinationCidrBlock: input.requireString('DestinationCidrBlock'),
    gatewayId: input.string('GatewayId'),
    natGatewayId: input.string('NatGatewayId'),
    instanceId: input.string('InstanceId'),
    origin: 'CreateRoute',
  };
}

/** Checks the route's target exists, with the error AWS gives for each kind of target. */
function checkTarget(aws: AwsState, region: string, route: Route): void {
  if (route.gatewayId && route.gatewayId !== 'local' && !aws.ec2.internetGateways.get(region, route.gatewayId)) {
    throw new AwsError(
      'InvalidInternetGatewayID.NotFound',
      `The internetGateway ID '${route.gatewayId}' does not exist`,
    );
  }
  if (route.natGatewayId && !aws.ec2.natGateways.get(region, route.natGatewayId)) {
    throw new AwsError('NatGatewayNotFound', `The natGateway ID '${route.natGatewayId}' does not exist`);
  }
  if (route.instanceId && !aws.ec2.instances.get(region, route.instanceId)) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${route.instanceId}' does not exist`);
  }
  if (!route.gatewayId && !route.natGatewayId && !route.instanceId) {
    throw new AwsError(
      'MissingParameter',
      'The request must contain exactly one of gatewayId, natGatewayId or instanceId',
    );
  }
}

/** A route whose target is gone stays in the table as a `blackhole`, as on AWS. */
function routeState(aws: AwsState, table: RouteTable, route: Route): 'active' | 'blackhole' {
  const {ec2} = aws;
  if (route.gatewayId && route.gatewayId !== 'local') {
    return ec2.internetGateways.get(table.region, route.gatewayId)?.attachedVpcId === table.vpcId ? 'active' : 'blackhole';
  }
  if (route.natGatewayId) {
    return ec2.natGateways.get(table.region, route.natGatewayId)?.lifecycle.state === 'available' ? 'active' : 'blackhole';
  }
  if (route.instanceId) {
    return ec2.instances.get(table.region, route.instanceId)?.lifecycle.state === 'running' ? 'active' : 'blackhole';
  }
  return 'active';
}

function routeTableXml(aws: AwsState, table: RouteTable): XmlFields {
  return {
    routeTableId: table.id,
    vpcId: table.vpcId,
    ownerId: AWS_ACCOUNT_ID,
    routeSet: items(table.routes.map((route) => ({
      destinationCidrBlock: route.destinationCidrBlock,
      gatewayId: route.gatewayId,
      natGatewayId: route.natGatewayId,
      instanceId: route.instanceId,
      state: routeState(aws, table, route),
      origin: route.origin,
    }))),
    associationSet: items(table.associations.map((association) => ({
      routeTableAssociationId: association.id,
      routeTableId: table.id,
      subnetId: association.subnetId,
      main: association.main,
      associationState: {state: 'associated'},
    }))),
    propagatingVgwSet: items([]),
    tagSet: tagSetXml(table.tags),
  };
}

export const routeTableHandlers: QueryHandlers = {
  CreateRouteTable(call) {
    const vpc = findVpc(call.aws, call.region, call.input.requireString('VpcId'));
    const table = newRouteTable(call.aws, vpc, requestedTags(call, 'route-table'), false);
    return {routeTable: routeTableXml(call.aws, table)};
  },

  DeleteRouteTable({input, region, aws}) {
    const table = findRouteTable(aws, region, input.requireString('RouteTableId'));
    if (table.associations.length > 0) {
      throw new AwsError('DependencyViolation', `The routeTable '${table.id}' has dependencies and cannot be deleted.`);
    }
    aws.ec2.routeTables.delete(table.id);
    return {return: true};
  },

  CreateRoute({input, region, aws}) {
    const table = findRouteTable(aws, region, input.requireString('RouteTableId'));
    const route = readRoute(input);
    checkTarget(aws, region, route);
    if (table.routes.some((existing) => existing.destinationCidrBlock === route.destinationCidrBlock)) {
      throw new AwsError('RouteAlreadyExists', `The route identified by ${route.destinationCidrBlock} already exists.`);
    }
    table.routes.push(route);
    return {return: true};
  },

  /** Points an existing route at another target in one step: traffic never goes without a route. */
  ReplaceRoute({input, region, aws}) {
    const table = findRouteTable(aws, region, input.requireString('RouteTableId'));
    const route = readRoute(input);
    const index = table.routes.findIndex((existing) => existing.destinationCidrBlock === route.destinationCidrBlock);
    if (index < 0) {
      throw new AwsError(
        'InvalidParameterValue',
        `There is no route defined for '${route.destinationCidrBlock}' in the route table. Use CreateRoute instead.`,
      );
    }
    if (table.routes[index]?.gatewayId === 'local') {
      throw new AwsError('InvalidParameterValue', `The local route of ${table.id} cannot be replaced.`);
    }
    checkTarget(aws, region, route);
    table.routes[index] = route;
    return {return: true};
  },

  DeleteRoute({input, region, aws}) {
    const table = findRouteTable(aws, region, input.requireString('RouteTableId'));
    const destination = input.requireString('DestinationCidrBlock');
    const route = table.routes.find((candidate) => candidate.destinationCidrBlock === destination);
    if (!route || route.gatewayId === 'local') {
      throw new AwsError(
        'InvalidRoute.NotFound',
        `no route with destination-cidr-block ${destination} in route table ${table.id}`,
      );
    }
    table.routes = table.routes.filter((candidate) => candidate !== route);
    return {return: true};
  },

  AssociateRouteTable({input, region, aws}) {
    const table = findRouteTable(aws, region, input.requireString('RouteTableId'));
    const subnet = findSubnet(aws, region, input.requireString('SubnetId'));
    const taken = aws.ec2.routeTables.inRegion(region).some((other) => other.associations.some((a) => a.subnetId === subnet.id));
    if (taken) {
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${table.id} conflicts with an existing association`,
      );
    }
    const association = {id: ec2Id('rtbassoc'), subnetId: subnet.id, main: false};
    table.associations.push(association);
    return {associationId: association.id, associationState: {state: 'associated'}};
  },

  DisassociateRouteTable({input, region, aws}) {
    const id = input.requireString('AssociationId');
    const table = aws.ec2.routeTables.inRegion(region)
      .find((candidate) => candidate.associations.some((association) => association.id === id && !association.main));
    if (!table) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
    table.associations = table.associations.filter((association) => association.id !== id);
    return {return: true};
  },

  DescribeRouteTables(call) {
    const {aws} = call;
    const page = describeResources(call, {
      table: aws.ec2.routeTables,
      idParam: 'RouteTableId',
      notFound: routeTableNotFound,
      fields: {
        'route-table-id': (table) => table.id,
        'vpc-id': (table) => table.vpcId,
        'association.subnet-id': (table) => table.associations.flatMap((a) => (a.subnetId ? [a.subnetId] : [])),
        'association.route-table-association-id': (table) => table.associations.map((a) => a.id),
        'association.main': (table) => (table.associations.some((a) => a.main) ? 'true' : 'false'),
        'route.destination-cidr-block': (table) => table.routes.map((route) => route.destinationCidrBlock),
        'route.gateway-id': (table) => table.routes.flatMap((route) => (route.gatewayId ? [route.gatewayId] : [])),
        'route.nat-gateway-id': (table) => table.routes.flatMap((route) => (route.natGatewayId ? [route.natGatewayId] : [])),
        'owner-id': () => AWS_ACCOUNT_ID,
      },
    });
    return {routeTableSet: items(page.items.map((table) => routeTableXml(aws, table))), nextToken: page.nextToken};
  },
};
