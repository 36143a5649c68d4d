import {DescribeAutoScalingGroupsCommand, UpdateAutoScalingGroupCommand} from '@aws-sdk/client-auto-scaling';
import {CreateVpcCommand, DescribeVpcsCommand} from '@aws-sdk/client-ec2';
import {CreateLoadBalancerCommand, DescribeLoadBalancersCommand} from '@aws-sdk/client-elastic-load-balancing-v2';
import {CreateRoleCommand, ListRolesCommand} from '@aws-sdk/client-iam';
import {CreateHostedZoneCommand, ListHostedZonesCommand} from '@aws-sdk/client-route-53';
import {CreateBucketCommand, ListBucketsCommand} from '@aws-sdk/client-s3';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf, s3Client} from './clients.js';

let sim: CloudSim;

beforeEach(async () => {
  sim = await startCloudSim();
});

afterEach(async () => {
  await sim.close();
});

describe('one endpoint for every AWS service', () => {
  it('routes each call by its signing scope, S3 included, and logs service and action', async () => {
    const clients = awsClients(sim);
    await clients.ec2.send(new DescribeVpcsCommand({}));
    await clients.autoscaling.send(new DescribeAutoScalingGroupsCommand({}));
    await clients.iam.send(new ListRolesCommand({}));
    await clients.elbv2.send(new DescribeLoadBalancersCommand({}));
    await clients.route53.send(new ListHostedZonesCommand({}));
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    await s3Client(sim).send(new CreateBucketCommand({Bucket: 'state'}));
    await s3Client(sim).send(new ListBucketsCommand({}));

    expect(identity).toMatchObject({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/kopsx-simulator'});
    expect(sim.requests()).toEqual([
      {service: 'ec2', action: 'DescribeVpcs', status: 200},
      {service: 'autoscaling', action: 'DescribeAutoScalingGroups', status: 200},
      {service: 'iam', action: 'ListRoles', status: 200},
      {service: 'elbv2', action: 'DescribeLoadBalancers', status: 200},
      {service: 'route53', action: 'ListHostedZones', status: 200},
      {service: 'sts', action: 'GetCallerIdentity', status: 200},
      {service: 's3', action: 'CreateBucket', status: 200},
      {service: 's3', action: 'ListBuckets', status: 200},
    ]);
  });

  it('answers an action it does not simulate with InvalidAction', async () => {
    const response = await fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'Action=DescribeFlowLogs&Version=2016-11-15',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidAction</Code>');
  });

  it('lists live resources with their kind, name and tags', async () => {
    const clients = awsClients(sim);
    await clients.ec2.send(new CreateVpcCommand({
      CidrBlock: '10.0.0.0/16',
      TagSpecifications: [{ResourceType: 'vpc', Tags: [{Key: 'Name', Value: 'a.example.com'}]}],
    }));
    await clients.iam.send(new CreateRoleCommand({RoleName: 'masters.a.example.com', AssumeRolePolicyDocument: '{}'}));
    await clients.route53.send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'r1'}));
    const kinds = sim.resources().filter((resource) => resource.cloud === 'aws').map((resource) => `${resource.kind} ${resource.name ?? '(no name)'}`);
    expect(kinds).toEqual([
      'ec2:vpc a.example.com',
      'ec2:route-table (no name)',
      'ec2:security-group default',
      'iam:role masters.a.example.com',
      'route53:hostedzone example.com.',
    ]);
    sim.reset();
    expect(sim.resources()).toEqual([]);
  });
});

describe('throttling and faults', () => {
  it('throttles every AWS service with its own error, which the SDK names', async () => {
    sim.configure({throttleRate: 1});
    const clients = awsClients(sim);
    const outcomes = await Promise.all([
      rejectionOf(clients.ec2.send(new DescribeVpcsCommand({}))),
      rejectionOf(clients.autoscaling.send(new DescribeAutoScalingGroupsCommand({}))),
      rejectionOf(clients.iam.send(new ListRolesCommand({}))),
      rejectionOf(clients.elbv2.send(new DescribeLoadBalancersCommand({}))),
      rejectionOf(clients.route53.send(new ListHostedZonesCommand({}))),
      rejectionOf(clients.sts.send(new GetCallerIdentityCommand({}))),
    ]);
    expect(outcomes.map((error) => `${error.name} ${(error.$metadata as {httpStatusCode: number}).httpStatusCode}`)).toEqual([
      'RequestLimitExceeded 503',
      'Throttling 400',
      'Throttling 400',
      'Throttling 400',
      'Throttling 400',
      'Throttling 400',
    ]);
  });

  it('lets the SDK retry a throttled call until it gets through', async () => {
    sim.configure({throttleRate: 0.5});
    const ec2 = awsClients(sim, {retries: true}).ec2;
    for (let call = 0; call < 4; call += 1) await ec2.send(new DescribeVpcsCommand({}));
    const statuses = sim.requests().map((entry) => entry.status);
    expect(statuses).toContain(503);
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
  });

  it('fails the chosen mutating call once with each service\'s internal error', async () => {
    const clients = awsClients(sim);
    const faults: string[] = [];
    const calls: Array<() => Promise<unknown>> = [
      () => clients.ec2.send(new CreateVpcCommand({CidrBlock: '10.0.0.0/16'})),
      () => clients.autoscaling.send(new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'nodes'})),
      () => clients.iam.send(new CreateRoleCommand({RoleName: 'r', AssumeRolePolicyDocument: '{}'})),
      () => clients.elbv2.send(new CreateLoadBalancerCommand({Name: 'api', Subnets: ['subnet-1']})),
      () => clients.route53.send(new CreateHostedZoneCommand({Name: 'example.com', CallerReference: 'r1'})),
    ];
    for (const call of calls) {
      sim.configure({faultAtCall: 1});
      const error = await rejectionOf(call());
      faults.push(`${error.name} ${(error.$metadata as {httpStatusCode: number}).httpStatusCode}`);
    }
    expect(faults).toEqual([
      'InternalError 500',
      'InternalFailure 500',
      'ServiceFailureException 500',
      'InternalFailure 500',
      'InternalFailure 500',
    ]);
    expect(awsState(sim).ec2.vpcs.all()).toEqual([]);
  });
});
