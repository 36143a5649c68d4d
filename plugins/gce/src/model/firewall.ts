/**
 * Firewall rules, by network tag: every instance carries its role's tag (`control-plane-<cluster>`,
 * `node-<cluster>`, `bastion-<cluster>`). GCE allows all egress by default; these rules open ingress. The
 * API is reached through a passthrough load balancer, which keeps the client's address: the admin ranges
 * and Google's health checkers are let in to the control planes on 443 directly.
 */
import type {PropertyValue} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {ModelContext} from './model-context.js';

/** The machines of a cluster, by what they do. */
export type MachineRole = 'control-plane' | 'node' | 'bastion';

interface Allowed {
  readonly IPProtocol: string;
  readonly ports?: readonly string[];
}

interface RuleSpec {
  readonly allowed: readonly Allowed[];
  readonly targets: readonly MachineRole[];
  readonly sourceRanges?: readonly string[];
  readonly sourceRoles?: readonly MachineRole[];
}

const ALL: readonly Allowed[] = [{IPProtocol: 'all'}];
const tcp = (...ports: string[]): Allowed => ({IPProtocol: 'tcp', ports});
/** Everything but etcd's peer and client ports (2380-2381, 4001-4002): nodes have no business with etcd. */
const NODES_TO_CONTROL_PLANE: readonly Allowed[] = [tcp('1-2379', '2382-4000', '4003-65535'), {IPProtocol: 'udp', ports: ['1-65535']}, {IPProtocol: 'icmp'}];
/** IP-in-IP, for the network plugins that tunnel with it. */
const IPIP: Allowed = {IPProtocol: 'ipip'};
/**
 * Where Google's health checkers and the load balancers' probes come from
 * (https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges).
 */
export const HEALTH_CHECK_RANGES: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22'];

/** The network tag of a role's instances. */
export function roleTag(ctx: ModelContext, role: MachineRole): string {
  return ctx.named(role);
}

export function hasBastion(ctx: ModelContext): boolean {
  return ctx.instanceGroups.some((g) => g.spec.role === 'Bastion');
}

export function addFirewall(ctx: ModelContext): void {
  const bastion = hasBastion(ctx);
  const cluster: MachineRole[] = ['control-plane', 'node'];
  const nodesToControlPlane = tunnelsWithIpip(ctx) ? [...NODES_TO_CONTROL_PLANE, IPIP] : NODES_TO_CONTROL_PLANE;
  const rules: Record<string, RuleSpec> = {
    'control-plane-to-cluster': {allowed: ALL, targets: cluster, sourceRoles: ['control-plane']},
    'node-to-node': {allowed: ALL, targets: ['node'], sourceRoles: ['node']},
    'node-to-control-plane': {allowed: nodesToControlPlane, targets: ['control-plane'], sourceRoles: ['node']},
    // Pods keep their own addresses across nodes with some network plugins.
    'pod-cidrs': {allowed: ALL, targets: cluster, sourceRanges: ipv4(ctx.spec.podCIDR ? [ctx.spec.podCIDR] : [])},
    'https-api': {allowed: [tcp('443')], targets: ['control-plane'], sourceRanges: ipv4(ctx.spec.kubernetesApiAccess ?? [])},
    'api-health-checks': {allowed: [tcp('443')], targets: ['control-plane'], sourceRanges: HEALTH_CHECK_RANGES},
    'ssh-external': {allowed: [tcp('22')], targets: bastion ? ['bastion'] : cluster, sourceRanges: ipv4(ctx.spec.sshAccess ?? [])},
    ...(bastion ? {'ssh-from-bastion': {allowed: [tcp('22')], targets: cluster, sourceRoles: ['bastion']}} : {}),
  };
  for (const [purpose, rule] of Object.entries(rules)) {
    // A rule without any source would let in the whole internet.
    if ((rule.sourceRanges ?? []).length === 0 && (rule.sourceRoles ?? []).length === 0) continue;
    ctx.add(Kind.firewall, ctx.named(purpose), {
      network: ctx.networkLink(),
      direction: 'INGRESS',
      priority: 1000,
      allowed: rule.allowed.map((a): PropertyValue => ({...a, ...(a.ports ? {ports: [...a.ports]} : {})})),
      sourceRanges: rule.sourceRanges ? [...rule.sourceRanges] : undefined,
      sourceTags: rule.sourceRoles?.map((role) => roleTag(ctx, role)),
      targetTags: rule.targets.map((role) => roleTag(ctx, role)),
    });
  }
}

/** The cluster's network is IPv4 only: IPv6 ranges (such as the default `::/0`) have nothing to reach. */
function ipv4(ranges: readonly string[]): string[] {
  return ranges.filter((range) => !range.includes(':'));
}

function tunnelsWithIpip(ctx: ModelContext): boolean {
  const networking = ctx.spec.networking ?? {};
  return 'calico' in networking || 'canal' in networking;
}
