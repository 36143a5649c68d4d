/**
 * One IAM role, inline policy and instance profile per instance role. They all live under the cluster's IAM
 * path, which is how discovery lists them (IAM cannot filter a listing by tag).
 */
import {ref} from '@kopsx/core';
import type {InstanceGroupRole, Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {iamName, iamPath} from '../names.js';
import {assumeRolePolicy, rolePolicy} from './iam-policies.js';
import type {InstanceRole} from './iam-policies.js';
import type {ModelContext} from './model-context.js';

export function instanceRoleOf(role: InstanceGroupRole): InstanceRole {
  if (role === 'ControlPlane') return 'control-plane';
  return role === 'Bastion' ? 'bastion' : 'nodes';
}

export function iamResourceName(ctx: ModelContext, role: InstanceRole): string {
  return iamName(ctx.named(role));
}

/** The instance profile a launch template names, by ARN. */
export function instanceProfileArn(ctx: ModelContext, role: InstanceRole): Ref {
  return ref(Kind.iamInstanceProfile, iamResourceName(ctx, role), 'arn');
}

export function addIam(ctx: ModelContext): void {
  const roles = new Set(ctx.instanceGroups.map((g) => instanceRoleOf(g.spec.role)));
  const path = iamPath(ctx.clusterName);
  for (const role of [...roles].sort()) {
    const name = iamResourceName(ctx, role);
    ctx.add(Kind.iamRole, name, {path, assumeRolePolicy: assumeRolePolicy()});
    const roleName = ref(Kind.iamRole, name, 'name');
    ctx.add(Kind.iamRolePolicy, name, {roleName, policyDocument: rolePolicy(ctx, role)});
    ctx.add(Kind.iamInstanceProfile, name, {path, roleName});
  }
}
