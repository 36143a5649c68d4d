import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {randomUpperAlnum} from '../wire/ids.js';
import type {XmlFields} from '../wire/xml-writer.js';
import {checkName, checkPolicyDocument, iamPage, noSuchEntity, readPath, readTags, tagsXml} from './iam-common.js';
import type {Role} from './iam-state.js';

export interface RoleSpec {
  readonly name: string;
  readonly assumeRolePolicyDocument: string;
  readonly path?: string;
  readonly description?: string;
  readonly tags?: ReadonlyMap<string, string>;
}

export function createRole(aws: AwsState, spec: RoleSpec): Role {
  checkName('roleName', spec.name);
  if ([...aws.iam.roles.keys()].some((name) => name.toLowerCase() === spec.name.toLowerCase())) {
    throw new AwsError('EntityAlreadyExists', `Role with name ${spec.name} already exists.`, 409);
  }
  const path = spec.path ?? '/';
  const role: Role = {
    name: spec.name,
    id: `AROA${randomUpperAlnum(17)}`,
    arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:role${path}${spec.name}`,
    path,
    assumeRolePolicyDocument: checkPolicyDocument(spec.assumeRolePolicyDocument),
    description: spec.description,
    maxSessionDuration: 3600,
    createDate: new Date(aws.now()),
    tags: new Map(spec.tags),
    policies: new Map(),
  };
  aws.iam.roles.set(role.name, role);
  return role;
}

export function findRole(aws: AwsState, name: string): Role {
  const role = aws.iam.roles.get(name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

export function roleXml(role: Role, options: {readonly withTags: boolean}): XmlFields {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: options.withTags && role.tags.size > 0 ? tagsXml(role.tags) : undefined,
  };
}

export const roleHandlers: QueryHandlers = {
  CreateRole({input, aws}) {
    const role = createRole(aws, {
      name: input.requireString('RoleName'),
      assumeRolePolicyDocument: input.requireString('AssumeRolePolicyDocument'),
      path: readPath(input),
      description: input.string('Description'),
      tags: new Map(readTags(input)),
    });
    return {Role: roleXml(role, {withTags: true})};
  },

  GetRole({input, aws}) {
    return {Role: roleXml(findRole(aws, input.requireString('RoleName')), {withTags: true})};
  },

  ListRoles({input, aws}) {
    const prefix = input.string('PathPrefix') ?? '/';
    const roles = [...aws.iam.roles.values()].filter((role) => role.path.startsWith(prefix));
    return iamPage(input, roles, 'Roles', (role) => roleXml(role, {withTags: false}));
  },

  DeleteRole({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    if (role.policies.size > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    if ([...aws.iam.instanceProfiles.values()].some((profile) => profile.roleNames.includes(role.name))) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', 409);
    }
    aws.iam.roles.delete(role.name);
  },

  TagRole({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    for (const [key, value] of readTags(input)) role.tags.set(key, value);
  },

  UntagRole({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    for (const key of input.strings('TagKeys.member')) role.tags.delete(key);
  },

  ListRoleTags({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    return iamPage(input, [...role.tags], 'Tags', ([Key, Value]) => ({Key, Value}));
  },

  PutRolePolicy({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    const name = input.requireString('PolicyName');
    checkName('policyName', name);
    role.policies.set(name, checkPolicyDocument(input.requireString('PolicyDocument')));
  },

  GetRolePolicy({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    const name = input.requireString('PolicyName');
    const document = role.policies.get(name);
    if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    return {RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(document)};
  },

  ListRolePolicies({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    return iamPage(input, [...role.policies.keys()], 'PolicyNames', (name) => name);
  },

  DeleteRolePolicy({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    const name = input.requireString('PolicyName');
    if (!role.policies.delete(name)) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
  },
};
