import {AutoScalingClient, DeleteAutoScalingGroupCommand} from '@aws-sdk/client-auto-scaling';
import {CreateSubnetCommand, CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand, EC2Client} from '@aws-sdk/client-ec2';
import {DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client} from '@aws-sdk/client-elastic-load-balancing-v2';
import {AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, IAMClient} from '@aws-sdk/client-iam';
import {ListHostedZonesCommand, Route53Client} from '@aws-sdk/client-route-53';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {classifyError} from '../src/errors.js';
import {startSimFixture} from './sim-fixture.js';
import type {SimFixture} from './sim-fixture.js';

/** The error a call fails with; the test fails if it succeeds. */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('classifyError on the simulator’s real error responses', () => {
  let fx: SimFixture;
  let ec2: EC2Client;
  let iam: IAMClient;
  beforeAll(async () => {
    fx = await startSimFixture();
    const config = {...fx.clientConfig, maxAttempts: 1};
    ec2 = new EC2Client(config);
    iam = new IAMClient(config);
  });
  afterEach(() => {
    fx.sim.configure({throttleRate: 0, faultAtCall: 0});
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('calls a missing resource not-found, whichever way the service says it', async () => {
    const config = {...fx.clientConfig, maxAttempts: 1};
    const errors = [
      await failure(() => ec2.send(new DescribeVpcsCommand({VpcIds: ['vpc-0123456789abcdef0']}))),
      await failure(() => iam.send(new GetRoleCommand({RoleName: 'nobody'}))),
      await failure(() => new ElasticLoadBalancingV2Client(config).send(new DescribeLoadBalancersCommand({Names: ['missing']}))),
      await failure(() => new AutoScalingClient(config).send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: 'missing'}))),
    ];
    expect(errors.map(classifyError)).toEqual(['not-found', 'not-found', 'not-found', 'not-found']);
  });

  it('calls "still in use" a dependency, to be retried once the dependent is gone', async () => {
    const vpc = await ec2.send(new CreateVpcCommand({CidrBlock: '10.1.0.0/16'}));
    await ec2.send(new CreateSubnetCommand({VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1a'}));
    const vpcInUse = await failure(() => ec2.send(new DeleteVpcCommand({VpcId: vpc.Vpc?.VpcId})));

    await iam.send(new CreateRoleCommand({RoleName: 'busy', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'}));
    await iam.send(new CreateInstanceProfileCommand({InstanceProfileName: 'busy'}));
    await iam.send(new AddRoleToInstanceProfileCommand({InstanceProfileName: 'busy', RoleName: 'busy'}));
    const roleInUse = await failure(() => iam.send(new DeleteRoleCommand({RoleName: 'busy'})));

    expect([vpcInUse, roleInUse].map(classifyError)).toEqual(['dependency', 'dependency']);
  });

  it('calls throttling throttled on every service', async () => {
    fx.sim.configure({throttleRate: 1});
    const config = {...fx.clientConfig, maxAttempts: 1};
    const errors = [
      await failure(() => ec2.send(new DescribeVpcsCommand({}))),
      await failure(() => iam.send(new GetRoleCommand({RoleName: 'any'}))),
      await failure(() => new AutoScalingClient(config).send(new DeleteAutoScalingGroupCommand({AutoScalingGroupName: 'any'}))),
      await failure(() => new ElasticLoadBalancingV2Client(config).send(new DescribeLoadBalancersCommand({}))),
      await failure(() => new Route53Client(config).send(new ListHostedZonesCommand({}))),
    ];
    expect(errors.map(classifyError)).toEqual(['throttled', 'throttled', 'throttled', 'throttled', 'throttled']);
  });

  it('calls server faults and unreachable endpoints transient', async () => {
    fx.sim.configure({faultAtCall: 1});
    const fault = await failure(() => ec2.send(new CreateVpcCommand({CidrBlock: '10.2.0.0/16'})));
    const closed = new EC2Client({...fx.clientConfig, endpoint: 'http://127.0.0.1:9', maxAttempts: 1});
    const unreachable = await failure(() => closed.send(new DescribeVpcsCommand({})));
    expect([fault, unreachable].map(classifyError)).toEqual(['transient', 'transient']);
  });

  it('calls a bad request fatal: retrying cannot fix it', async () => {
    const badCidr = await failure(() => ec2.send(new CreateVpcCommand({CidrBlock: 'not-a-cidr'})));
    await iam.send(new CreateRoleCommand({RoleName: 'twice', AssumeRolePolicyDocument: '{}'}));
    const duplicate = await failure(() => iam.send(new CreateRoleCommand({RoleName: 'twice', AssumeRolePolicyDocument: '{}'})));
    expect([badCidr, duplicate].map(classifyError)).toEqual(['fatal', 'fatal']);
    expect(classifyError(new Error('plain'))).toBe('fatal');
    expect(classifyError('not an error')).toBe('fatal');
  });
});
