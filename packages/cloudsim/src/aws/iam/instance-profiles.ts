import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {randomUpperAlnum} from '../wire/ids.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {checkName, iamPage, noSuchEntity, readPath, readTags, tagsXml} from './iam-common.js';
import type {InstanceProfile} from './iam-state.js';
import {findRole, roleXml} from './roles.js';

export interface InstanceProfileSpec {
  readonly name: string;
  readonly path?: string;
  readonly tags?: ReadonlyMap<string, string>;
}

export function createInstanceProfile(aws: AwsState, spec: InstanceProfileSpec): InstanceProfile {
  checkName('instanceProfileName', spec.name);
  if ([...aws.iam.instanceProfiles.keys()].some((name) => name.toLowerCase() === spec.name.toLowerCase())) {
    throw new AwsError('EntityAlreadyExists', `Instance Profile ${spec.name} already exists.`, 409);
  }
  const path = spec.path ?? '/';
  const profile: InstanceProfile = {
    name: spec.name,
    id: `AIPA${randomUpperAlnum(17)}`,
    arn: `arn:aws:iam::${AWS_ACCOUNT_ID}:instance-profile${path}${spec.name}`,
    path,
    createDate: new Date(aws.now()),
    roleNames: [],
    tags: new Map(spec.tags),
  };
  aws.iam.instanceProfiles.set(profile.name, profile);
  return profile;
}

function findProfile(aws: AwsState, name: string): InstanceProfile {
  const profile = aws.iam.instanceProfiles.get(name);
  if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return profile;
}

export function profileXml(aws: AwsState, profile: InstanceProfile): XmlFields {
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: members(profile.roleNames.flatMap((name) => {
      const role = aws.iam.roles.get(name);
      return role ? [roleXml(role, {withTags: false})] : [];
    })),
    Tags: profile.tags.size > 0 ? tagsXml(profile.tags) : undefined,
  };
}

export const instanceProfileHandlers: QueryHandlers = {
  CreateInstanceProfile({input, aws}) {
    const profile = createInstanceProfile(aws, {
      name: input.requireString('InstanceProfileName'),
      path: readPath(input),
      tags: new Map(readTags(input)),
    });
    return {InstanceProfile: profileXml(aws, profile)};
  },

  GetInstanceProfile({input, aws}) {
    return {InstanceProfile: profileXml(aws, findProfile(aws, input.requireString('InstanceProfileName')))};
  },

  ListInstanceProfiles({input, aws}) {
    const prefix = input.string('PathPrefix') ?? '/';
    const profiles = [...aws.iam.instanceProfiles.values()].filter((profile) => profile.path.startsWith(prefix));
    return iamPage(input, profiles, 'InstanceProfiles', (profile) => profileXml(aws, profile));
  },

  ListInstanceProfilesForRole({input, aws}) {
    const role = findRole(aws, input.requireString('RoleName'));
    const profiles = [...aws.iam.instanceProfiles.values()].filter((profile) => profile.roleNames.includes(role.name));
    return iamPage(input, profiles, 'InstanceProfiles', (profile) => profileXml(aws, profile));
  },

  DeleteInstanceProfile({input, aws}) {
    const profile = findProfile(aws, input.requireString('InstanceProfileName'));
    if (profile.roleNames.length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', 409);
    }
    aws.iam.instanceProfiles.delete(profile.name);
  },

  AddRoleToInstanceProfile({input, aws}) {
    const profile = findProfile(aws, input.requireString('InstanceProfileName'));
    const role = findRole(aws, input.requireString('RoleName'));
    if (profile.roleNames.length > 0) {
      throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
    }
    profile.roleNames = [role.name];
  },

  RemoveRoleFromInstanceProfile({input, aws}) {
    const profile = findProfile(aws, input.requireString('InstanceProfileName'));
    const name = input.requireString('RoleName');
    if (!profile.roleNames.includes(name)) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    profile.roleNames = profile.roleNames.filter((roleName) => roleName !== name);
  },

  TagInstanceProfile({input, aws}) {
    const profile = findProfile(aws, input.requireString('InstanceProfileName'));
    for (const [key, value] of readTags(input)) profile.tags.set(key, value);
  },

  ListInstanceProfileTags({input, aws}) {
    const profile = findProfile(aws, input.requireString('InstanceProfileName'));
    return iamPage(input, [...profile.tags], 'Tags', ([Key, Value]) => ({Key, Value}));
  },
};
