import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifyVpcAttributeCommand,
  paginateDescribeSubnets,
  ReleaseAddressCommand,
  ReplaceRouteCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let ec2: EC2Client;

beforeEach(async () => {
  sim = await startCloudSim();
  ec2 = awsClients(sim).ec2;
});

afterEach(async () => {
  await sim.close();
});

const clusterTags = (cluster: string) => [{ResourceType: 'vpc' as const, Tags: [{Key: 'KubernetesCluster', Value: cluster}, {Key: 'Name', Value: cluster}]}];

describe('VPCs', () => {
  it('creates, describes and deletes a VPC with its tags, main route table and default security group', async () => {
    const {Vpc} = await ec2.send(new CreateVpcCommand({CidrBlock: '10.1.0.0/16', TagSpecifications: clusterTags('a.example.com')}));
    const vpcId = Vpc?.VpcId ?? '';
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);

    const {Vpcs} = await ec2.send(new DescribeVpcsCommand({VpcIds: [vpcId]}));
    expect(Vpcs).toHaveLength(1);
    expect(Vpcs?.[0]).toMatchObject({VpcId: vpcId, CidrBlock: '10.1.0.0/16', State: 'available'});
    expect(Vpcs?.[0]?.Tags).toContainEqual({Key: 'KubernetesCluster', Value: 'a.example.com'});

    const vpcFilter = [{Name: 'vpc-id', Values: [vpcId]}];
    const {RouteTables} = await ec2.send(new DescribeRouteTablesCommand({Filters: vpcFilter}));
    expect(RouteTables?.[0]?.Associations?.[0]?.Main).toBe(true);
    expect(RouteTables?.[0]?.Routes?.[0]).toMatchObject({DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', State: 'active'});
    const {SecurityGroups} = await ec2.send(new DescribeSecurityGroupsCommand({Filters: vpcFilter}));
    expect(SecurityGroups?.map((group) => group.GroupName)).toEqual(['default']);

    await ec2.send(new DeleteVpcCommand({VpcId: vpcId}));
    const error = await rejectionOf(ec2.send(new DescribeVpcsCommand({VpcIds: [vpcId]})));
    expect(error.name).toBe('InvalidVpcID.NotFound');
    expect(error.message).toContain(vpcId);
  });

  it('returns only the VPCs whose tags match the filters', async () => {
    await ec2.send(new CreateVpcCommand({CidrBlock: '10.1.0.0/16', TagSpecifications: clusterTags('a.example.com')}));
    awsState(sim).seed.vpc({cidrBlock: '10.2.0.0/16', tags: {KubernetesCluster: 'b.example.com'}});
    awsState(sim).seed.vpc({cidrBlock: '10.3.0.0/16'});

    const byValue = await ec2.send(new DescribeVpcsCommand({Filters: [{Name: 'tag:KubernetesCluster', Values: ['a.example.com']}]}));
    expect(byValue.Vpcs?.map((vpc) => vpc.CidrBlock)).toEqual(['10.1.0.0/16']);
    const byKey = await ec2.send(new DescribeVpcsCommand({Filters: [{Name: 'tag-key', Values: ['KubernetesCluster']}]}));
    expect(byKey.Vpcs?.map((vpc) => vpc.CidrBlock).sort()).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    const byWildcard = await ec2.send(new DescribeVpcsCommand({Filters: [{Name: 'tag:KubernetesCluster', Values: ['b.*']}]}));
    expect(byWildcard.Vpcs?.map((vpc) => vpc.CidrBlock)).toEqual(['10.2.0.0/16']);
    const all = await ec2.send(new DescribeVpcsCommand({}));
    expect(all.Vpcs).toHaveLength(3);
  });

  it('refuses to delete a VPC that still has a subnet, then deletes it once the subnet is gone', async () => {
    const {Vpc} = await ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'}));
    const {Subnet} = await ec2.send(new CreateSubnetCommand({VpcId: Vpc?.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b'}));

    const error = await rejectionOf(ec2.send(new DeleteVpcCommand({VpcId: Vpc?.VpcId})));
    expect(error.name).toBe('DependencyViolation');
    expect(error.$metadata).toMatchObject({httpStatusCode: 400});

    await ec2.send(new DeleteSubnetCommand({SubnetId: Subnet?.SubnetId}));
    await ec2.send(new DeleteVpcCommand({VpcId: Vpc?.VpcId}));
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  });

  it('turns DNS hostnames on with ModifyVpcAttribute', async () => {
    const {Vpc} = await ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'}));
    const before = await ec2.send(new DescribeVpcAttributeCommand({VpcId: Vpc?.VpcId, Attribute: 'enableDnsHostnames'}));
    expect(before.EnableDnsHostnames?.Value).toBe(false);
    await ec2.send(new ModifyVpcAttributeCommand({VpcId: Vpc?.VpcId, EnableDnsHostnames: {Value: true}}));
    const after = await ec2.send(new DescribeVpcAttributeCommand({VpcId: Vpc?.VpcId, Attribute: 'enableDnsHostnames'}));
    expect(after.EnableDnsHostnames?.Value).toBe(true);
    const support = await ec2.send(new DescribeVpcAttributeCommand({VpcId: Vpc?.VpcId, Attribute: 'enableDnsSupport'}));
    expect(support.EnableDnsSupport?.Value).toBe(true);
  });
});

describe('subnets', () => {
  it('pages 120 subnets 50 at a time', async () => {
    const vpc = awsState(sim).seed.vpc({cidrBlock: '10.0.0.0/16'});
    for (let index = 0; index < 120; index += 1) {
      awsState(sim).seed.subnet({vpcId: vpc.id, cidrBlock: `10.0.${index}.0/24`, tags: {Name: `subnet-${index}`}});
    }
    const first = await ec2.send(new DescribeSubnetsCommand({MaxResults: 50}));
    expect(first.Subnets).toHaveLength(50);
    expect(first.NextToken).toBeDefined();

    const pages: number[] = [];
    const ids = new Set<string>();
    for await (const page of paginateDescribeSubnets({client: ec2, pageSize: 50}, {Filters: [{Name: 'vpc-id', Values: [vpc.id]}]})) {
      pages.push(page.Subnets?.length ?? 0);
      for (const subnet of page.Subnets ?? []) ids.add(subnet.SubnetId ?? '');
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(ids.size).toBe(120);
  });

  it('rejects a subnet outside its VPC range or overlapping another one', async () => {
    const {Vpc} = await ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'}));
    await ec2.send(new CreateSubnetCommand({VpcId: Vpc?.VpcId, CidrBlock: '10.0.0.0/20'}));
    const outside = await rejectionOf(ec2.send(new CreateSubnetCommand({VpcId: Vpc?.VpcId, CidrBlock: '10.9.0.0/24'})));
    expect(outside.name).toBe('InvalidSubnet.Range');
    const overlapping = await rejectionOf(ec2.send(new CreateSubnetCommand({VpcId: Vpc?.VpcId, CidrBlock: '10.0.1.0/24'})));
    expect(overlapping.name).toBe('InvalidSubnet.Conflict');
    const wrongZone = await rejectionOf(ec2.send(new CreateSubnetCommand({VpcId: Vpc?.VpcId, CidrBlock: '10.0.16.0/24', AvailabilityZone: 'us-west-2a'})));
    expect(wrongZone.name).toBe('InvalidParameterValue');
  });

  it('answers InvalidSubnetID.NotFound for an unknown subnet', async () => {
    const error = await rejectionOf(ec2.send(new DescribeSubnetsCommand({SubnetIds: ['subnet-0123456789abcdef0']})));
    expect(error.name).toBe('InvalidSubnetID.NotFound');
  });
});

describe('internet gateways', () => {
  it('attaches and detaches, and refuses to delete while attached', async () => {
    const {Vpc} = await ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'}));
    const {InternetGateway} = await ec2.send(new CreateInternetGatewayCommand({}));
    const gatewayId = InternetGateway?.InternetGatewayId ?? '';
    await ec2.send(new AttachInternetGatewayCommand({InternetGatewayId: gatewayId, VpcId: Vpc?.VpcId}));

    const attached = await rejectionOf(ec2.send(new DeleteInternetGatewayCommand({InternetGatewayId: gatewayId})));
    expect(attached.name).toBe('DependencyViolation');
    const vpcInUse = await rejectionOf(ec2.send(new DeleteVpcCommand({VpcId: Vpc?.VpcId})));
    expect(vpcInUse.name).toBe('DependencyViolation');

    await ec2.send(new DetachInternetGatewayCommand({InternetGatewayId: gatewayId, VpcId: Vpc?.VpcId}));
    await ec2.send(new DeleteInternetGatewayCommand({InternetGatewayId: gatewayId}));
    await ec2.send(new DeleteVpcCommand({VpcId: Vpc?.VpcId}));
  });
});

describe('route tables', () => {
  it('routes a subnet to an internet gateway and finds the table by its subnet association', async () => {
    const state = awsState(sim);
    const vpc = state.seed.vpc();
    const subnet = state.seed.subnet({vpcId: vpc.id, cidrBlock: '10.0.1.0/24'});
    const gateway = state.seed.internetGateway({attachToVpcId: vpc.id});
    const {RouteTable} = await ec2.send(new CreateRouteTableCommand({VpcId: vpc.id}));
    const tableId = RouteTable?.RouteTableId ?? '';
    await ec2.send(new CreateRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gateway.id}));
    const {AssociationId} = await ec2.send(new AssociateRouteTableCommand({RouteTableId: tableId, SubnetId: subnet.id}));

    const {RouteTables} = await ec2.send(new DescribeRouteTablesCommand({Filters: [{Name: 'association.subnet-id', Values: [subnet.id]}]}));
    expect(RouteTables?.map((table) => table.RouteTableId)).toEqual([tableId]);
    expect(RouteTables?.[0]?.Routes).toContainEqual(expect.objectContaining({DestinationCidrBlock: '0.0.0.0/0', GatewayId: gateway.id, State: 'active'}));

    const duplicate = await rejectionOf(ec2.send(new CreateRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gateway.id})));
    expect(duplicate.name).toBe('RouteAlreadyExists');
    const inUse = await rejectionOf(ec2.send(new DeleteRouteTableCommand({RouteTableId: tableId})));
    expect(inUse.name).toBe('DependencyViolation');

    await ec2.send(new DisassociateRouteTableCommand({AssociationId}));
    await ec2.send(new DeleteRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0'}));
    await ec2.send(new DeleteRouteTableCommand({RouteTableId: tableId}));
    const gone = await rejectionOf(ec2.send(new DescribeRouteTablesCommand({RouteTableIds: [tableId]})));
    expect(gone.name).toBe('InvalidRouteTableID.NotFound');
  });

  it('points a route at another target with ReplaceRoute, and refuses to replace what is missing or local', async () => {
    const state = awsState(sim);
    const vpc = state.seed.vpc();
    const first = state.seed.internetGateway({attachToVpcId: vpc.id});
    const {RouteTable} = await ec2.send(new CreateRouteTableCommand({VpcId: vpc.id}));
    const tableId = RouteTable?.RouteTableId ?? '';
    await ec2.send(new CreateRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: first.id}));
    const {AllocationId} = await ec2.send(new AllocateAddressCommand({Domain: 'vpc'}));
    const subnet = state.seed.subnet({vpcId: vpc.id, cidrBlock: '10.0.1.0/24'});
    const {NatGateway} = await ec2.send(new CreateNatGatewayCommand({SubnetId: subnet.id, AllocationId}));

    await ec2.send(new ReplaceRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NatGateway?.NatGatewayId}));
    const {RouteTables} = await ec2.send(new DescribeRouteTablesCommand({RouteTableIds: [tableId]}));
    const route = RouteTables?.[0]?.Routes?.find((candidate) => candidate.DestinationCidrBlock === '0.0.0.0/0');
    expect(route).toMatchObject({NatGatewayId: NatGateway?.NatGatewayId, Origin: 'CreateRoute'});
    expect(route?.GatewayId).toBeUndefined();

    const missing = await rejectionOf(ec2.send(new ReplaceRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '10.9.0.0/16', GatewayId: first.id})));
    expect(missing.name).toBe('InvalidParameterValue');
    const local = await rejectionOf(ec2.send(new ReplaceRouteCommand({RouteTableId: tableId, DestinationCidrBlock: vpc.cidrBlock, GatewayId: first.id})));
    expect(local.name).toBe('InvalidParameterValue');
    const noTarget = await rejectionOf(ec2.send(new ReplaceRouteCommand({RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0'})));
    expect(noTarget.name).toBe('InvalidInternetGatewayID.NotFound');
  });
});

describe('NAT gateways and Elastic IPs', () => {
  it('goes from pending to available after two describes, and from deleting to deleted', async () => {
    const state = awsState(sim);
    state.configure({settleDelayMs: 60_000, settleAfterDescribes: 2});
    const vpc = state.seed.vpc();
    const subnet = state.seed.subnet({vpcId: vpc.id, cidrBlock: '10.0.1.0/24'});
    const {AllocationId, PublicIp} = await ec2.send(new AllocateAddressCommand({Domain: 'vpc'}));
    const {NatGateway} = await ec2.send(new CreateNatGatewayCommand({SubnetId: subnet.id, AllocationId}));
    const natId = NatGateway?.NatGatewayId ?? '';
    expect(NatGateway?.State).toBe('pending');
    expect(NatGateway?.NatGatewayAddresses?.[0]?.PublicIp).toBe(PublicIp);

    const states: string[] = [];
    for (let describe = 0; describe < 3; describe += 1) {
      const {NatGateways} = await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [natId]}));
      states.push(NatGateways?.[0]?.State ?? '');
    }
    expect(states).toEqual(['pending', 'pending', 'available']);

    const inUse = await rejectionOf(ec2.send(new ReleaseAddressCommand({AllocationId})));
    expect(inUse.name).toBe('InvalidIPAddress.InUse');
    const subnetInUse = await rejectionOf(ec2.send(new DeleteSubnetCommand({SubnetId: subnet.id})));
    expect(subnetInUse.name).toBe('DependencyViolation');

    await ec2.send(new DeleteNatGatewayCommand({NatGatewayId: natId}));
    const deleting = await ec2.send(new DescribeNatGatewaysCommand({Filter: [{Name: 'state', Values: ['deleting']}]}));
    expect(deleting.NatGateways?.map((gateway) => gateway.NatGatewayId)).toEqual([natId]);
    await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [natId]}));
    await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [natId]}));
    const deleted = await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [natId]}));
    expect(deleted.NatGateways?.[0]?.State).toBe('deleted');

    await ec2.send(new ReleaseAddressCommand({AllocationId}));
    const {Addresses} = await ec2.send(new DescribeAddressesCommand({}));
    expect(Addresses).toEqual([]);
  });

  it('settles after the configured delay without any describe', async () => {
    let now = 1_000_000;
    const state = awsState(sim);
    state.configure({settleDelayMs: 5000, settleAfterDescribes: Number.POSITIVE_INFINITY, now: () => now});
    const subnet = state.seed.subnet({vpcId: state.seed.vpc().id, cidrBlock: '10.0.1.0/24'});
    const {AllocationId} = await ec2.send(new AllocateAddressCommand({}));
    const {NatGateway} = await ec2.send(new CreateNatGatewayCommand({SubnetId: subnet.id, AllocationId}));
    now += 4999;
    const early = await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [NatGateway?.NatGatewayId ?? '']}));
    expect(early.NatGateways?.[0]?.State).toBe('pending');
    now += 1;
    const late = await ec2.send(new DescribeNatGatewaysCommand({NatGatewayIds: [NatGateway?.NatGatewayId ?? '']}));
    expect(late.NatGateways?.[0]?.State).toBe('available');
  });

  it('answers NatGatewayNotFound and InvalidAllocationID.NotFound for unknown IDs', async () => {
    const nat = await rejectionOf(ec2.send(new DeleteNatGatewayCommand({NatGatewayId: 'nat-0123456789abcdef0'})));
    expect(nat.name).toBe('NatGatewayNotFound');
    const address = await rejectionOf(ec2.send(new ReleaseAddressCommand({AllocationId: 'eipalloc-0123456789abcdef0'})));
    expect(address.name).toBe('InvalidAllocationID.NotFound');
  });
});
