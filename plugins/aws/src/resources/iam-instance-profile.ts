/**
 * Instance profiles, which hand a role to EC2 instances. Listed with the roles (see iam-reads.ts). The role is
 * added in `waitReady`, which the engine retries on its own: a create is one call, so a retried create
 * cannot trip over the profile a first attempt made.
 */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  DeleteInstanceProfileCommand,
  GetInstanceProfileCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type {HandlerContext, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {ownedTags, recordToTags} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterIam} from './iam-reads.js';
import {changed, ignoreNotFound, observed} from './observe.js';
import {read} from './read-properties.js';

export function iamInstanceProfileHandler(api: AwsApi): ResourceHandler {
  const {
    clients: {iam},
    reads,
  } = api;
  const addRole = (ctx: HandlerContext, profile: string, role: string) =>
    iam.send(new AddRoleToInstanceProfileCommand({InstanceProfileName: profile, RoleName: role}), {abortSignal: ctx.signal});
  const removeRole = (ctx: HandlerContext, profile: string, role: string) =>
    iam.send(new RemoveRoleFromInstanceProfileCommand({InstanceProfileName: profile, RoleName: role}), {abortSignal: ctx.signal});

  return {
    kind: Kind.iamInstanceProfile,
    replaceOn: ['path'],
    deleteBeforeReplace: true,

    async list(ctx) {
      const {instanceProfiles} = await clusterIam(api, ctx);
      return instanceProfiles.flatMap((profile) => {
        const name = profile.InstanceProfileName;
        if (!name) return [];
        const properties = {path: profile.Path, roleName: profile.Roles?.[0]?.RoleName};
        return [observed({kind: Kind.iamInstanceProfile, name, id: name, properties, attributes: {name, arn: profile.Arn}})];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const p = read(desired);
      const out = await iam.send(
        new CreateInstanceProfileCommand({
          InstanceProfileName: desired.name,
          Path: p.string('path'),
          Tags: recordToTags(ownedTags(ctx.clusterName, Kind.iamInstanceProfile, desired.name)),
        }),
        {abortSignal: ctx.signal},
      );
      const attributes = {name: desired.name, arn: out.InstanceProfile?.Arn};
      return observed({kind: Kind.iamInstanceProfile, name: desired.name, id: desired.name, properties: {...desired.properties}, attributes});
    },

    async waitReady(ctx, current) {
      reads.invalidate();
      const out = await iam.send(new GetInstanceProfileCommand({InstanceProfileName: current.id}), {abortSignal: ctx.signal});
      const role = String(current.properties.roleName);
      if (out.InstanceProfile?.Roles?.[0]?.RoleName !== role) await addRole(ctx, current.id, role);
      return current;
    },

    async update(ctx, current, desired) {
      reads.invalidate();
      // waitReady adds the new role.
      const before = current.properties.roleName;
      if (typeof before === 'string') await ignoreNotFound(() => removeRole(ctx, current.id, before));
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      reads.invalidate();
      const role = current.properties.roleName;
      if (typeof role === 'string') await ignoreNotFound(() => removeRole(ctx, current.id, role));
      await ignoreNotFound(() => iam.send(new DeleteInstanceProfileCommand({InstanceProfileName: current.id}), {abortSignal: ctx.signal}));
    },
  };
}
