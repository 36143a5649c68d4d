import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  paginateListRoles,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startCloudSim, type CloudSim} from '../src/index.js';
import {awsClients, awsState} from './aws-clients.js';
import {rejectionOf} from './clients.js';

let sim: CloudSim;
let iam: IAMClient;

beforeEach(async () => {
  sim = await startCloudSim();
  iam = awsClients(sim).iam;
});

afterEach(async () => {
  await sim.close();
});

const ASSUME_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{Effect: 'Allow', Principal: {Service: 'ec2.amazonaws.com'}, Action: 'sts:AssumeRole'}],
});
const POLICY = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Action: ['ec2:Describe*'], Resource: ['*']}]});

describe('IAM roles', () => {
  it('creates a role with tags and returns its documents URL-encoded, as IAM does', async () => {
    const {Role} = await iam.send(new CreateRoleCommand({
      RoleName: 'nodes.a.example.com',
      AssumeRolePolicyDocument: ASSUME_ROLE,
      Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}],
    }));
    expect(Role).toMatchObject({RoleName: 'nodes.a.example.com', Path: '/', Arn: 'arn:aws:iam::123456789012:role/nodes.a.example.com'});
    expect(Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);

    const fetched = await iam.send(new GetRoleCommand({RoleName: 'nodes.a.example.com'}));
    expect(decodeURIComponent(fetched.Role?.AssumeRolePolicyDocument ?? '')).toBe(ASSUME_ROLE);
    expect(fetched.Role?.Tags).toEqual([{Key: 'KubernetesCluster', Value: 'a.example.com'}]);

    await iam.send(new TagRoleCommand({RoleName: 'nodes.a.example.com', Tags: [{Key: 'Name', Value: 'nodes'}]}));
    const {Tags} = await iam.send(new ListRoleTagsCommand({RoleName: 'nodes.a.example.com'}));
    expect(Tags).toEqual([{Key: 'KubernetesCluster', Value: 'a.example.com'}, {Key: 'Name', Value: 'nodes'}]);
  });

  it('keeps inline policies and refuses to delete a role that has one or sits in an instance profile', async () => {
    await iam.send(new CreateRoleCommand({RoleName: 'masters', AssumeRolePolicyDocument: ASSUME_ROLE}));
    await iam.send(new PutRolePolicyCommand({RoleName: 'masters', PolicyName: 'masters', PolicyDocument: POLICY}));
    const {PolicyNames} = await iam.send(new ListRolePoliciesCommand({RoleName: 'masters'}));
    expect(PolicyNames).toEqual(['masters']);
    const {PolicyDocument} = await iam.send(new GetRolePolicyCommand({RoleName: 'masters', PolicyName: 'masters'}));
    expect(JSON.parse(decodeURIComponent(PolicyDocument ?? ''))).toEqual(JSON.parse(POLICY));

    const withPolicy = await rejectionOf(iam.send(new DeleteRoleCommand({RoleName: 'masters'})));
    expect(withPolicy.name).toBe('DeleteConflictException');
    await iam.send(new DeleteRolePolicyCommand({RoleName: 'masters', PolicyName: 'masters'}));

    await iam.send(new CreateInstanceProfileCommand({InstanceProfileName: 'masters'}));
    await iam.send(new AddRoleToInstanceProfileCommand({InstanceProfileName: 'masters', RoleName: 'masters'}));
    const {InstanceProfile} = await iam.send(new GetInstanceProfileCommand({InstanceProfileName: 'masters'}));
    expect(InstanceProfile?.Roles?.map((role) => role.RoleName)).toEqual(['masters']);
    expect(InstanceProfile?.Arn).toBe('arn:aws:iam::123456789012:instance-profile/masters');

    const inProfile = await rejectionOf(iam.send(new DeleteRoleCommand({RoleName: 'masters'})));
    expect(inProfile.name).toBe('DeleteConflictException');
    const profileWithRole = await rejectionOf(iam.send(new DeleteInstanceProfileCommand({InstanceProfileName: 'masters'})));
    expect(profileWithRole.name).toBe('DeleteConflictException');

    await iam.send(new RemoveRoleFromInstanceProfileCommand({InstanceProfileName: 'masters', RoleName: 'masters'}));
    await iam.send(new DeleteInstanceProfileCommand({InstanceProfileName: 'masters'}));
    await iam.send(new DeleteRoleCommand({RoleName: 'masters'}));
    const gone = await rejectionOf(iam.send(new GetRoleCommand({RoleName: 'masters'})));
    expect(gone.name).toBe('NoSuchEntityException');
    expect(gone.$metadata).toMatchObject({httpStatusCode: 404});
  });

  it('rejects a duplicate role and a policy that is not JSON', async () => {
    await iam.send(new CreateRoleCommand({RoleName: 'nodes', AssumeRolePolicyDocument: ASSUME_ROLE}));
    const duplicate = await rejectionOf(iam.send(new CreateRoleCommand({RoleName: 'Nodes', AssumeRolePolicyDocument: ASSUME_ROLE})));
    expect(duplicate.name).toBe('EntityAlreadyExistsException');
    const malformed = await rejectionOf(iam.send(new PutRolePolicyCommand({RoleName: 'nodes', PolicyName: 'p', PolicyDocument: '{not json'})));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
  });

  it('pages roles with Marker and MaxItems', async () => {
    for (let index = 0; index < 5; index += 1) awsState(sim).seed.role({name: `role-${index}`});
    const first = await iam.send(new ListRolesCommand({MaxItems: 2}));
    expect(first).toMatchObject({IsTruncated: true});
    const pages: number[] = [];
    for await (const page of paginateListRoles({client: iam, pageSize: 2}, {})) pages.push(page.Roles?.length ?? 0);
    expect(pages).toEqual([2, 2, 1]);
  });

  it('lists roles with their inline policies, instance profiles and tags in one GetAccountAuthorizationDetails call', async () => {
    const path = '/kopsx/a.example.com/';
    await iam.send(new CreateRoleCommand({RoleName: 'nodes', Path: path, AssumeRolePolicyDocument: ASSUME_ROLE, Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}]}));
    await iam.send(new PutRolePolicyCommand({RoleName: 'nodes', PolicyName: 'nodes', PolicyDocument: POLICY}));
    await iam.send(new CreateInstanceProfileCommand({InstanceProfileName: 'nodes', Path: path}));
    await iam.send(new AddRoleToInstanceProfileCommand({InstanceProfileName: 'nodes', RoleName: 'nodes'}));
    await iam.send(new CreateRoleCommand({RoleName: 'other', AssumeRolePolicyDocument: ASSUME_ROLE}));

    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({Filter: ['Role']}));
    expect(details.RoleDetailList?.map((role) => role.RoleName)).toEqual(['nodes', 'other']);
    const nodes = details.RoleDetailList?.[0];
    expect(nodes).toMatchObject({Path: path, Tags: [{Key: 'KubernetesCluster', Value: 'a.example.com'}]});
    expect(JSON.parse(decodeURIComponent(nodes?.AssumeRolePolicyDocument ?? ''))).toEqual(JSON.parse(ASSUME_ROLE));
    expect(nodes?.RolePolicyList?.map((policy) => [policy.PolicyName, JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ''))])).toEqual([
      ['nodes', JSON.parse(POLICY)],
    ]);
    expect(nodes?.InstanceProfileList).toEqual([
      expect.objectContaining({InstanceProfileName: 'nodes', Path: path, Roles: [expect.objectContaining({RoleName: 'nodes'})]}),
    ]);
    expect(details.UserDetailList).toEqual([]);

    const users = await iam.send(new GetAccountAuthorizationDetailsCommand({Filter: ['User']}));
    expect(users.RoleDetailList).toEqual([]);
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({Filter: ['Role'], MaxItems: 1}));
    expect(first).toMatchObject({IsTruncated: true, RoleDetailList: [expect.objectContaining({RoleName: 'nodes'})]});
    const second = await iam.send(new GetAccountAuthorizationDetailsCommand({Filter: ['Role'], MaxItems: 1, Marker: first.Marker}));
    expect(second).toMatchObject({IsTruncated: false, RoleDetailList: [expect.objectContaining({RoleName: 'other'})]});
  });
});

describe('STS', () => {
  it('tells the caller the simulated account', async () => {
    const {Account, UserId} = await awsClients(sim).sts.send(new GetCallerIdentityCommand({}));
    expect(Account).toBe('123456789012');
    expect(UserId).toBeTruthy();
  });
});
