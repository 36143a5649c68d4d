/**
 * Each role's inline policy, named like its role. Inline policies are part of their role (no tags of their own);
 * any inline policy on one of the cluster's roles is listed, so that one added by hand is seen and removed.
 */
import {DeleteRolePolicyCommand, PutRolePolicyCommand} from '@aws-sdk/client-iam';
import type {HandlerContext, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {AwsApi} from './aws-api.js';
import {clusterIam, decodePolicy} from './iam-reads.js';
import {ignoreNotFound, jsonEqual, observed} from './observe.js';
import {read} from './read-properties.js';

export function iamRolePolicyHandler(api: AwsApi): ResourceHandler {
  const {iam} = api.clients;

  async function put(ctx: HandlerContext, desired: ResolvedResource) {
    api.reads.invalidate();
    const p = read(desired);
    const roleName = p.string('roleName');
    await iam.send(new PutRolePolicyCommand({RoleName: roleName, PolicyName: desired.name, PolicyDocument: p.string('policyDocument')}), {
      abortSignal: ctx.signal,
    });
    return observed({kind: Kind.iamRolePolicy, name: desired.name, id: `${roleName}:${desired.name}`, properties: {...desired.properties}});
  }

  return {
    kind: Kind.iamRolePolicy,
    replaceOn: ['roleName'],
    equal: (field, observedValue, desiredValue) => field === 'policyDocument' && jsonEqual(observedValue, desiredValue),

    async list(ctx) {
      const {roles} = await clusterIam(api, ctx);
      return roles.flatMap(({RoleName: roleName = '', RolePolicyList: policies = []}) =>
        policies.map(({PolicyName: policyName = '', PolicyDocument: document}) => {
          // A policy named otherwise than its role was not made by kopsx: its name says whose it is.
          const name = policyName === roleName ? policyName : `${roleName}:${policyName}`;
          const properties = {roleName, policyDocument: decodePolicy(document)};
          return observed({kind: Kind.iamRolePolicy, name, id: `${roleName}:${policyName}`, properties, attributes: {policyName}});
        }),
      );
    },

    create: put,
    update: (ctx, _current, desired) => put(ctx, desired),

    async delete(ctx, current) {
      api.reads.invalidate();
      const roleName = String(current.properties.roleName);
      const policyName = current.attributes.policyName ?? current.name;
      await ignoreNotFound(() => iam.send(new DeleteRolePolicyCommand({RoleName: roleName, PolicyName: policyName}), {abortSignal: ctx.signal}));
    },
  };
}
