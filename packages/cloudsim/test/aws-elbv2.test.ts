import {TerminateInstancesCommand} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupCommand,
  paginateDescribeTargetGroups,
  RegisterTargetsCommand,
  RemoveTagsCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let elbv2: ElasticLoadBalancingV2Client;
let vpcId: string;
let subnetIds: string[];

beforeEach(async () => {
  sim = await startCloudSim();
  elbv2 = awsClients(sim).elbv2;
  const state = awsState(sim);
  state.configure({settleDelayMs: 60_000, settleAfterDescribes: 1});
  vpcId = state.seed.vpc().id;
  subnetIds = ['a', 'b'].map((zone, index) => state.seed.subnet({vpcId, cidrBlock: `10.0.${index}.0/24`, availabilityZone: `us-east-1${zone}`}).id);
});

afterEach(async () => {
  await sim.close();
});

async function createNlb(name: string): Promise<string> {
  const {LoadBalancers} = await elbv2.send(new CreateLoadBalancerCommand({
    Name: name, Type: 'network', Scheme: 'internet-facing', Subnets: subnetIds,
    Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}],
  }));
  return LoadBalancers?.[0]?.LoadBalancerArn ?? '';
}

async function createTargetGroup(name: string): Promise<string> {
  const {TargetGroups} = await elbv2.send(new CreateTargetGroupCommand({Name: name, Protocol: 'TCP', Port: 443, VpcId: vpcId}));
  return TargetGroups?.[0]?.TargetGroupArn ?? '';
}

describe('load balancers', () => {
  it('creates a network load balancer that turns active, named by the address of its own listener', async () => {
    const arn = await createNlb('api-a-example-com');
    expect(arn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/net\/api-a-example-com\/[0-9a-f]{16}$/);

    const states: string[] = [];
    for (let describe = 0; describe < 2; describe += 1) {
      const {LoadBalancers} = await elbv2.send(new DescribeLoadBalancersCommand({LoadBalancerArns: [arn]}));
      states.push(LoadBalancers?.[0]?.State?.Code ?? '');
    }
    expect(states).toEqual(['provisioning', 'active']);

    const {LoadBalancers} = await elbv2.send(new DescribeLoadBalancersCommand({Names: ['api-a-example-com']}));
    expect(LoadBalancers?.[0]).toMatchObject({Type: 'network', Scheme: 'internet-facing', VpcId: vpcId, CanonicalHostedZoneId: 'Z26RNL4JYFTOTI'});
    // The simulator's deviation from AWS: clients reach the balancer at its DNS name (see docs/cloudsim.md).
    expect(LoadBalancers?.[0]?.DNSName).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(LoadBalancers?.[0]?.AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('rejects a duplicate name and reports unknown load balancers', async () => {
    await createNlb('api');
    const duplicate = await rejectionOf(createNlb('api'));
    expect(duplicate.name).toBe('DuplicateLoadBalancerNameException');
    const unknown = await rejectionOf(elbv2.send(new DescribeLoadBalancersCommand({Names: ['nobody']})));
    expect(unknown.name).toBe('LoadBalancerNotFoundException');
  });
});

describe('target groups and listeners', () => {
  it('reports target health from the instance state and the listener wiring', async () => {
    const state = awsState(sim);
    const balancerArn = await createNlb('api');
    const targetGroupArn = await createTargetGroup('api-tcp');
    const instance = state.seed.instance({subnetId: subnetIds[0] ?? ''});
    await elbv2.send(new RegisterTargetsCommand({TargetGroupArn: targetGroupArn, Targets: [{Id: instance.id}]}));
    const health = async () => (await elbv2.send(new DescribeTargetHealthCommand({TargetGroupArn: targetGroupArn})))
      .TargetHealthDescriptions?.map((description) => description.TargetHealth?.State);

    expect(await health()).toEqual(['unused']);
    const {Listeners} = await elbv2.send(new CreateListenerCommand({
      LoadBalancerArn: balancerArn, Protocol: 'TCP', Port: 443, DefaultActions: [{Type: 'forward', TargetGroupArn: targetGroupArn}],
    }));
    expect(await health()).toEqual(['initial']);
    await elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(await health()).toEqual(['healthy']);

    await awsClients(sim).ec2.send(new TerminateInstancesCommand({InstanceIds: [instance.id]}));
    expect(await health()).toEqual(['unused']);
    await elbv2.send(new DeregisterTargetsCommand({TargetGroupArn: targetGroupArn, Targets: [{Id: instance.id}]}));
    expect(await health()).toEqual([]);

    const inUse = await rejectionOf(elbv2.send(new DeleteTargetGroupCommand({TargetGroupArn: targetGroupArn})));
    expect(inUse.name).toBe('ResourceInUseException');
    const described = await elbv2.send(new DescribeListenersCommand({LoadBalancerArn: balancerArn}));
    expect(described.Listeners?.[0]).toMatchObject({Port: 443, Protocol: 'TCP', DefaultActions: [expect.objectContaining({TargetGroupArn: targetGroupArn})]});
    await elbv2.send(new DeleteListenerCommand({ListenerArn: Listeners?.[0]?.ListenerArn}));
    await elbv2.send(new DeleteTargetGroupCommand({TargetGroupArn: targetGroupArn}));
    await elbv2.send(new DeleteLoadBalancerCommand({LoadBalancerArn: balancerArn}));
    expect(sim.resources().filter((resource) => resource.kind.startsWith('elbv2:'))).toEqual([]);
  });

  it('modifies health checks, pages target groups with Marker and reports unknown groups', async () => {
    for (let index = 0; index < 5; index += 1) await createTargetGroup(`tg-${index}`);
    const pages: number[] = [];
    for await (const page of paginateDescribeTargetGroups({client: elbv2}, {PageSize: 2})) pages.push(page.TargetGroups?.length ?? 0);
    expect(pages).toEqual([2, 2, 1]);

    const {TargetGroups} = await elbv2.send(new DescribeTargetGroupsCommand({Names: ['tg-0']}));
    const arn = TargetGroups?.[0]?.TargetGroupArn ?? '';
    const modified = await elbv2.send(new ModifyTargetGroupCommand({TargetGroupArn: arn, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2}));
    expect(modified.TargetGroups?.[0]).toMatchObject({HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2, HealthCheckProtocol: 'TCP'});

    const unknown = await rejectionOf(elbv2.send(new DescribeTargetGroupsCommand({Names: ['nobody']})));
    expect(unknown.name).toBe('TargetGroupNotFoundException');
    const notRunning = await rejectionOf(elbv2.send(new RegisterTargetsCommand({TargetGroupArn: arn, Targets: [{Id: 'i-0123456789abcdef0'}]})));
    expect(notRunning.name).toBe('InvalidTargetException');
  });

  it('adds, describes and removes tags by ARN', async () => {
    const balancerArn = await createNlb('api');
    const targetGroupArn = await createTargetGroup('api-tcp');
    await elbv2.send(new AddTagsCommand({ResourceArns: [balancerArn, targetGroupArn], Tags: [{Key: 'Name', Value: 'api'}]}));
    await elbv2.send(new RemoveTagsCommand({ResourceArns: [balancerArn], TagKeys: ['KubernetesCluster']}));
    const {TagDescriptions} = await elbv2.send(new DescribeTagsCommand({ResourceArns: [balancerArn, targetGroupArn]}));
    expect(TagDescriptions).toEqual([
      {ResourceArn: balancerArn, Tags: [{Key: 'Name', Value: 'api'}]},
      {ResourceArn: targetGroupArn, Tags: [{Key: 'Name', Value: 'api'}]},
    ]);
  });
});
