/**
 * One IAM service account for the control planes and one for the nodes: what their instances run as. Bastions
 * run as none (they need no Google API). kopsx creates the accounts but grants them no project roles yet (see
 * docs/gce.md): a cloud controller manager would need them.
 */
import {ref} from '@kopsx/core';
import type {InstanceGroupRole, Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {SERVICE_ACCOUNT_ID_MAX} from '../names.js';
import type {MachineRole} from './firewall.js';
import type {ModelContext} from './model-context.js';

export function machineRoleOf(role: InstanceGroupRole): MachineRole {
  if (role === 'ControlPlane') return 'control-plane';
  return role === 'Bastion' ? 'bastion' : 'node';
}

function accountId(ctx: ModelContext, role: MachineRole): string {
  return ctx.named(role, SERVICE_ACCOUNT_ID_MAX);
}

/** The email the instances of a role run as, or undefined for roles without an account. */
export function serviceAccountEmail(ctx: ModelContext, role: MachineRole): Ref | undefined {
  return role === 'bastion' ? undefined : ref(Kind.serviceAccount, accountId(ctx, role), 'email');
}

export function addServiceAccounts(ctx: ModelContext): void {
  const roles = new Set(ctx.instanceGroups.map((g) => machineRoleOf(g.spec.role)));
  for (const role of (['control-plane', 'node'] as const).filter((r) => roles.has(r))) {
    ctx.add(Kind.serviceAccount, accountId(ctx, role), {displayName: `kopsx ${role} of ${ctx.clusterName}`.slice(0, 100)});
  }
}
