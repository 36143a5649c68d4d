/**
 * Security groups and their ingress rules. Egress stays at AWS' default (everything), which every security group
 * gets when it is created. Rule names say what they allow: `nodes.c.example.com:tcp-22:0.0.0.0/0`.
 */
import {ref} from '@kopsx/core';
import type {PropertyValue, Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {ModelContext} from './model-context.js';

/** The security groups of a cluster, by the role of what they protect. */
export type GroupRole = 'control-plane' | 'nodes' | 'bastion' | 'api-lb';

const DESCRIPTIONS: Readonly<Record<GroupRole, string>> = {
  'control-plane': 'kopsx control plane',
  nodes: 'kopsx nodes',
  bastion: 'kopsx bastion',
  'api-lb': 'kopsx Kubernetes API load balancer',
};

interface Port {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

const ALL: Port = {protocol: '-1', from: -1, to: -1};
const tcp = (from: number, to = from): Port => ({protocol: 'tcp', from, to});
/** Everything but etcd's peer and client ports (2380-2381, 4001-4002): nodes have no business with etcd. */
const NODES_TO_CONTROL_PLANE: readonly Port[] = [tcp(1, 2379), tcp(2382, 4000), tcp(4003, 65535), {protocol: 'udp', from: 1, to: 65535}];
/** IP-in-IP, for the network plugins that tunnel with it. */
const IPIP: Port = {protocol: '4', from: -1, to: -1};

function securityGroupName(ctx: ModelContext, role: GroupRole): string {
  return ctx.named(role);
}

export function securityGroupId(ctx: ModelContext, role: GroupRole): Ref {
  return ref(Kind.securityGroup, securityGroupName(ctx, role));
}

function hasBastion(ctx: ModelContext): boolean {
  return ctx.instanceGroups.some((g) => g.spec.role === 'Bastion');
}

export function addSecurity(ctx: ModelContext): void {
  const bastion = hasBastion(ctx);
  const roles: GroupRole[] = ['control-plane', 'nodes', 'api-lb', ...(bastion ? (['bastion'] as const) : [])];
  for (const role of roles) {
    ctx.add(Kind.securityGroup, securityGroupName(ctx, role), {vpcId: ctx.vpcId(), description: DESCRIPTIONS[role]});
  }

  allowGroup(ctx, 'control-plane', 'control-plane', ALL);
  allowGroup(ctx, 'nodes', 'nodes', ALL);
  allowGroup(ctx, 'nodes', 'control-plane', ALL);
  for (const port of NODES_TO_CONTROL_PLANE) allowGroup(ctx, 'control-plane', 'nodes', port);
  if (tunnelsWithIpip(ctx)) allowGroup(ctx, 'control-plane', 'nodes', IPIP);

  // The API is reached through the load balancer only: admins from their CIDRs, the cluster from its groups.
  const https = tcp(443);
  for (const cidr of ctx.spec.kubernetesApiAccess ?? []) allowCidr(ctx, 'api-lb', cidr, https);
  allowGroup(ctx, 'api-lb', 'control-plane', https);
  allowGroup(ctx, 'api-lb', 'nodes', https);
  allowGroup(ctx, 'control-plane', 'api-lb', https);

  const ssh = tcp(22);
  const sshTargets: GroupRole[] = bastion ? ['bastion'] : ['control-plane', 'nodes'];
  for (const cidr of ctx.spec.sshAccess ?? []) for (const target of sshTargets) allowCidr(ctx, target, cidr, ssh);
  if (bastion) {
    allowGroup(ctx, 'control-plane', 'bastion', ssh);
    allowGroup(ctx, 'nodes', 'bastion', ssh);
  }
}

function tunnelsWithIpip(ctx: ModelContext): boolean {
  const networking = ctx.spec.networking ?? {};
  return 'calico' in networking || 'canal' in networking;
}

function allowGroup(ctx: ModelContext, target: GroupRole, source: GroupRole, port: Port): void {
  addRule(ctx, target, port, securityGroupName(ctx, source), {sourceSecurityGroupId: securityGroupId(ctx, source)});
}

function allowCidr(ctx: ModelContext, target: GroupRole, cidr: string, port: Port): void {
  addRule(ctx, target, port, cidr, cidr.includes(':') ? {cidrIpv6: cidr} : {cidrIpv4: cidr});
}

function addRule(ctx: ModelContext, target: GroupRole, port: Port, sourceLabel: string, source: Record<string, PropertyValue>): void {
  const name = `${securityGroupName(ctx, target)}:${portLabel(port)}:${sourceLabel}`;
  ctx.add(Kind.securityGroupRule, name, {
    securityGroupId: securityGroupId(ctx, target),
    protocol: port.protocol,
    fromPort: port.from,
    toPort: port.to,
    ...source,
  });
}

function portLabel({protocol, from, to}: Port): string {
  if (protocol === '-1') return 'all';
  if (from === -1) return `proto-${protocol}`;
  return from === to ? `${protocol}-${from}` : `${protocol}-${from}-${to}`;
}
