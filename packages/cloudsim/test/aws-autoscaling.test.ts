import {
  AttachLoadBalancerTargetGroupsCommand,
  CreateAutoScalingGroupCommand,
  CreateOrUpdateTagsCommand,
  DeleteAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeTagsCommand,
  DetachInstancesCommand,
  paginateDescribeAutoScalingGroups,
  SetDesiredCapacityCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DescribeInstancesCommand, type EC2Client} from '@aws-sdk/client-ec2';
import {CreateTargetGroupCommand, DescribeTargetHealthCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let ec2: EC2Client;
let autoscaling: AutoScalingClient;
let subnets: string[];
let templateId: string;

beforeEach(async () => {
  sim = await startCloudSim();
  ({ec2, autoscaling} = awsClients(sim));
  const state = awsState(sim);
  // Instances run after one describe, so the tests see Pending and InService.
  state.configure({settleDelayMs: 60_000, settleAfterDescribes: 1});
  const vpc = state.seed.vpc();
  subnets = ['a', 'b'].map((zone, index) =>
    state.seed.subnet({vpcId: vpc.id, cidrBlock: `10.0.${index}.0/24`, availabilityZone: `us-east-1${zone}`}).id);
  const imageId = state.ec2.images.inRegion('us-east-1')[0]?.id;
  const {LaunchTemplate} = await ec2.send(new CreateLaunchTemplateCommand({
    LaunchTemplateName: 'nodes.a.example.com',
    LaunchTemplateData: {ImageId: imageId, InstanceType: 't3.medium'},
  }));
  templateId = LaunchTemplate?.LaunchTemplateId ?? '';
});

afterEach(async () => {
  await sim.close();
});

async function createGroup(name: string, desired: number, tags: Record<string, string> = {}): Promise<void> {
  await autoscaling.send(new CreateAutoScalingGroupCommand({
    AutoScalingGroupName: name,
    MinSize: 0,
    MaxSize: 5,
    DesiredCapacity: desired,
    LaunchTemplate: {LaunchTemplateId: templateId, Version: '1'},
    VPCZoneIdentifier: subnets.join(','),
    Tags: Object.entries(tags).map(([Key, Value]) => ({Key, Value, PropagateAtLaunch: true, ResourceId: name, ResourceType: 'auto-scaling-group'})),
  }));
}

async function describeGroup(name: string): Promise<AutoScalingGroup> {
  const {AutoScalingGroups} = await autoscaling.send(new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: [name]}));
  const group = AutoScalingGroups?.[0];
  if (!group) throw new Error(`group ${name} not found`);
  return group;
}

describe('Auto Scaling groups', () => {
  it('launches instances from the template to the desired capacity, spread over the zones', async () => {
    await createGroup('nodes.a.example.com', 3, {KubernetesCluster: 'a.example.com'});

    const pending = await describeGroup('nodes.a.example.com');
    expect(pending.Instances?.map((instance) => instance.LifecycleState)).toEqual(['Pending', 'Pending', 'Pending']);
    const running = await describeGroup('nodes.a.example.com');
    expect(running.Instances?.map((instance) => instance.LifecycleState)).toEqual(['InService', 'InService', 'InService']);
    expect(running.Instances?.map((instance) => instance.LaunchTemplate)).toEqual(Array(3).fill({
      LaunchTemplateId: templateId, LaunchTemplateName: 'nodes.a.example.com', Version: '1',
    }));
    expect(new Set(running.Instances?.map((instance) => instance.AvailabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    expect(running.VPCZoneIdentifier).toBe(subnets.join(','));

    const {Reservations} = await ec2.send(new DescribeInstancesCommand({Filters: [{Name: 'tag:aws:autoscaling:groupName', Values: ['nodes.a.example.com']}]}));
    const instances = Reservations?.flatMap((reservation) => reservation.Instances ?? []) ?? [];
    expect(instances.map((instance) => instance.InstanceId).sort()).toEqual(running.Instances?.map((instance) => instance.InstanceId).sort());
    expect(instances[0]?.Tags).toEqual(expect.arrayContaining([
      {Key: 'KubernetesCluster', Value: 'a.example.com'},
      {Key: 'aws:ec2launchtemplate:version', Value: '1'},
    ]));
  });

  it('scales down by terminating instances, and up again', async () => {
    await createGroup('nodes', 3);
    await describeGroup('nodes');
    await autoscaling.send(new SetDesiredCapacityCommand({AutoScalingGroupName: 'nodes', DesiredCapacity: 1}));

    const shrinking = await describeGroup('nodes');
    expect(shrinking.Instances?.map((instance) => instance.LifecycleState).sort()).toEqual(['InService', 'Terminating', 'Terminating']);
    await ec2.send(new DescribeInstancesCommand({}));
    const shrunk = await describeGroup('nodes');
    expect(shrunk.Instances).toHaveLength(1);

    await autoscaling.send(new SetDesiredCapacityCommand({AutoScalingGroupName: 'nodes', DesiredCapacity: 4}));
    expect((await describeGroup('nodes')).Instances).toHaveLength(4);
    const tooMany = await rejectionOf(autoscaling.send(new SetDesiredCapacityCommand({AutoScalingGroupName: 'nodes', DesiredCapacity: 6})));
    expect(tooMany.name).toBe('ValidationError');
  });

  it('launches new instances from a new template version while the old ones keep theirs', async () => {
    await createGroup('nodes', 2);
    await describeGroup('nodes');
    await ec2.send(new CreateLaunchTemplateVersionCommand({LaunchTemplateId: templateId, SourceVersion: '1', LaunchTemplateData: {InstanceType: 't3.large'}}));
    await autoscaling.send(new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'nodes', LaunchTemplate: {LaunchTemplateId: templateId, Version: '$Latest'}}));

    const before = await describeGroup('nodes');
    expect(before.LaunchTemplate?.Version).toBe('$Latest');
    expect(before.Instances?.map((instance) => instance.LaunchTemplate?.Version)).toEqual(['1', '1']);

    const oldId = before.Instances?.[0]?.InstanceId ?? '';
    const {Activity} = await autoscaling.send(new TerminateInstanceInAutoScalingGroupCommand({InstanceId: oldId, ShouldDecrementDesiredCapacity: false}));
    expect(Activity?.Description).toBe(`Terminating EC2 instance: ${oldId}`);
    const after = await describeGroup('nodes');
    const versions = after.Instances?.map((instance) => `${instance.InstanceId === oldId ? 'old' : instance.LifecycleState}:${instance.LaunchTemplate?.Version}`);
    expect(versions?.sort()).toEqual(['InService:1', 'Pending:2', 'old:1'].sort());
    const replacement = after.Instances?.find((instance) => instance.LaunchTemplate?.Version === '2');
    expect(replacement?.InstanceType).toBe('t3.large');
  });

  it('scales in instances of an outdated template version first', async () => {
    await createGroup('nodes', 2);
    await ec2.send(new CreateLaunchTemplateVersionCommand({LaunchTemplateId: templateId, SourceVersion: '1', LaunchTemplateData: {InstanceType: 't3.large'}}));
    await autoscaling.send(new UpdateAutoScalingGroupCommand({
      AutoScalingGroupName: 'nodes', DesiredCapacity: 4, LaunchTemplate: {LaunchTemplateId: templateId, Version: '2'},
    }));
    await autoscaling.send(new SetDesiredCapacityCommand({AutoScalingGroupName: 'nodes', DesiredCapacity: 2}));
    const group = await describeGroup('nodes');
    const leaving = group.Instances?.filter((instance) => instance.LifecycleState === 'Terminating');
    expect(leaving?.map((instance) => instance.LaunchTemplate?.Version)).toEqual(['1', '1']);
  });

  it('detaches an instance, which keeps running outside the group while a replacement starts', async () => {
    await createGroup('nodes', 1);
    const [member] = (await describeGroup('nodes')).Instances ?? [];
    await autoscaling.send(new DetachInstancesCommand({
      AutoScalingGroupName: 'nodes', InstanceIds: [member?.InstanceId ?? ''], ShouldDecrementDesiredCapacity: false,
    }));
    const group = await describeGroup('nodes');
    expect(group.Instances?.map((instance) => instance.InstanceId)).not.toContain(member?.InstanceId);
    expect(group.Instances).toHaveLength(1);
    const {Reservations} = await ec2.send(new DescribeInstancesCommand({InstanceIds: [member?.InstanceId ?? '']}));
    expect(Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
    const {AutoScalingInstances} = await autoscaling.send(new DescribeAutoScalingInstancesCommand({}));
    expect(AutoScalingInstances?.map((instance) => instance.InstanceId)).toEqual(group.Instances?.map((instance) => instance.InstanceId));
  });

  it('replaces an instance terminated behind its back', async () => {
    await createGroup('nodes', 1);
    const [member] = (await describeGroup('nodes')).Instances ?? [];
    awsState(sim).ec2.instances.get('us-east-1', member?.InstanceId ?? '')?.lifecycle.moveTo('terminated');
    const group = await describeGroup('nodes');
    expect(group.Instances).toHaveLength(1);
    expect(group.Instances?.[0]?.InstanceId).not.toBe(member?.InstanceId);
  });

  it('refuses to delete a group with instances unless forced, then terminates them', async () => {
    await createGroup('nodes', 2);
    const busy = await rejectionOf(autoscaling.send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: 'nodes'})));
    expect(busy.name).toBe('ScalingActivityInProgressFault');
    await describeGroup('nodes');
    const inUse = await rejectionOf(autoscaling.send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: 'nodes'})));
    expect(inUse.name).toBe('ResourceInUseFault');

    await autoscaling.send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: 'nodes', ForceDelete: true}));
    const {AutoScalingGroups} = await autoscaling.send(new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: ['nodes']}));
    expect(AutoScalingGroups).toEqual([]);
    const {Reservations} = await ec2.send(new DescribeInstancesCommand({Filters: [{Name: 'instance-state-name', Values: ['pending', 'running']}]}));
    expect(Reservations).toEqual([]);
  });

  it('reports a duplicate group and unknown groups', async () => {
    await createGroup('nodes', 0);
    const duplicate = await rejectionOf(createGroup('nodes', 0));
    expect(duplicate.name).toBe('AlreadyExistsFault');
    const unknown = await rejectionOf(autoscaling.send(new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'nobody', MaxSize: 3})));
    expect(unknown.name).toBe('ValidationError');
    expect(unknown.message).toContain('nobody');
    const badTemplate = await rejectionOf(autoscaling.send(new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'x', MinSize: 0, MaxSize: 1, VPCZoneIdentifier: subnets[0], LaunchTemplate: {LaunchTemplateId: 'lt-0123456789abcdef0'},
    })));
    expect(badTemplate.name).toBe('ValidationError');
  });
});

describe('Auto Scaling tags and filters', () => {
  it('finds groups by tag and pages through them', async () => {
    for (let index = 0; index < 5; index += 1) await createGroup(`a-${index}`, 0, {KubernetesCluster: 'a.example.com'});
    await createGroup('b-0', 0, {KubernetesCluster: 'b.example.com'});

    const pages: string[][] = [];
    for await (const page of paginateDescribeAutoScalingGroups({client: autoscaling, pageSize: 2}, {
      Filters: [{Name: 'tag:KubernetesCluster', Values: ['a.example.com']}],
    })) {
      pages.push(page.AutoScalingGroups?.map((group) => group.AutoScalingGroupName ?? '') ?? []);
    }
    expect(pages).toEqual([['a-0', 'a-1'], ['a-2', 'a-3'], ['a-4']]);

    await autoscaling.send(new CreateOrUpdateTagsCommand({
      Tags: [{ResourceId: 'b-0', ResourceType: 'auto-scaling-group', Key: 'role', Value: 'node', PropagateAtLaunch: false}],
    }));
    const {Tags} = await autoscaling.send(new DescribeTagsCommand({Filters: [{Name: 'auto-scaling-group', Values: ['b-0']}]}));
    expect(Tags?.map((tag) => `${tag.Key}=${tag.Value}:${tag.PropagateAtLaunch}`)).toEqual(['KubernetesCluster=b.example.com:true', 'role=node:false']);
  });
});

describe('Auto Scaling and load balancer target groups', () => {
  it('registers the instances it launches with its target groups', async () => {
    const {elbv2} = awsClients(sim);
    const vpcId = awsState(sim).ec2.vpcs.all()[0]?.id;
    const {TargetGroups} = await elbv2.send(new CreateTargetGroupCommand({Name: 'api', Protocol: 'TCP', Port: 443, VpcId: vpcId}));
    const targetGroupArn = TargetGroups?.[0]?.TargetGroupArn ?? '';
    await createGroup('masters', 2);
    await autoscaling.send(new AttachLoadBalancerTargetGroupsCommand({AutoScalingGroupName: 'masters', TargetGroupARNs: [targetGroupArn]}));
    const {TargetHealthDescriptions} = await elbv2.send(new DescribeTargetHealthCommand({TargetGroupArn: targetGroupArn}));
    const members = (await describeGroup('masters')).Instances?.map((instance) => instance.InstanceId).sort();
    expect(TargetHealthDescriptions?.map((description) => description.Target?.Id).sort()).toEqual(members);
  });
});
