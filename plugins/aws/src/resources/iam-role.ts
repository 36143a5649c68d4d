/**
 * IAM roles for the instances. They live under the cluster's IAM path (`/kopsx/<cluster>/`), which is how they are
 * listed and known as the cluster's (see iam-reads.ts). Tags are still set on create.
 */
import {CreateRoleCommand, DeleteRoleCommand} from '@aws-sdk/client-iam';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownedTags, recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterIam, decodePolicy} from './iam-reads.js';
import {ignoreNotFound, jsonEqual, observed} from './observe.js';
import {read} from './read-properties.js';

export function iamRoleHandler(api: AwsApi): ResourceHandler {
  const {iam} = api.clients;
  return {
    kind: Kind.iamRole,
    // Role names are unique in an account; a new trust policy is rare enough to be a new role.
    deleteBeforeReplace: true,
    equal: (field, observedValue, desiredValue) => field === 'assumeRolePolicy' && jsonEqual(observedValue, desiredValue),

    async list(ctx) {
      const {roles} = await clusterIam(api, ctx);
      return roles.flatMap((role) => {
        if (!role.RoleName) return [];
        const properties = {path: role.Path, assumeRolePolicy: decodePolicy(role.AssumeRolePolicyDocument)};
        const attributes = {name: role.RoleName, arn: role.Arn};
        return [observed({kind: Kind.iamRole, name: role.RoleName, id: role.RoleName, properties, attributes})];
      });
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const p = read(desired);
      const out = await iam.send(
        new CreateRoleCommand({
          RoleName: desired.name,
          Path: p.string('path'),
          AssumeRolePolicyDocument: p.string('assumeRolePolicy'),
          Tags: recordToTags(ownedTags(ctx.clusterName, Kind.iamRole, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const attributes = {name: desired.name, arn: out.Role?.Arn};
      return observed({kind: Kind.iamRole, name: desired.name, id: desired.name, properties: {...desired.properties}, attributes});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => iam.send(new DeleteRoleCommand({RoleName: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
