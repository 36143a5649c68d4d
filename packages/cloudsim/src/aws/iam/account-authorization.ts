import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {members, type XmlFields} from '../wire/xml-writer.js';
import {iamPage, tagsXml} from './iam-common.js';
import type {Role} from './iam-state.js';
import {profileXml} from './instance-profiles.js';
import {roleXml} from './roles.js';

const ENTITY_FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/** A role with everything attached to it: inline policies (URL-encoded, as IAM answers) and instance profiles. */
function roleDetailXml(aws: AwsState, role: Role): XmlFields {
  const profiles = [...aws.iam.instanceProfiles.values()].filter((profile) => profile.roleNames.includes(role.name));
  return {
    ...roleXml(role, {withTags: false}),
    InstanceProfileList: members(profiles.map((profile) => profileXml(aws, profile))),
    RolePolicyList: members([...role.policies].map(([PolicyName, document]) => ({PolicyName, PolicyDocument: encodeURIComponent(document)}))),
    AttachedManagedPolicies: members([]),
    Tags: tagsXml(role.tags),
  };
}

export const accountAuthorizationHandlers: QueryHandlers = {
  /**
   * The account's IAM entities in one listing (paged by MaxItems/Marker). The simulator has roles and
   * instance profiles only, so users, groups and managed policies are always empty.
   */
  GetAccountAuthorizationDetails({input, aws}) {
    const filters = input.strings('Filter.member');
    const unknown = filters.find((filter) => !ENTITY_FILTERS.includes(filter));
    if (unknown) {
      throw new AwsError('ValidationError', `1 validation error detected: Value '${unknown}' at 'filter' failed to satisfy constraint`);
    }
    const roles = filters.length === 0 || filters.includes('Role') ? [...aws.iam.roles.values()] : [];
    return {
      UserDetailList: members([]),
      GroupDetailList: members([]),
      ...iamPage(input, roles, 'RoleDetailList', (role) => roleDetailXml(aws, role)),
      Policies: members([]),
    };
  },
};
