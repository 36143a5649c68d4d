import {ValidationError} from '../errors.js';
import {INSTANCE_GROUP_LABEL, type InstanceGroup} from '../model/index.js';

/**
 * The labels an instance group's nodes carry: its `nodeLabels` plus `kops.k8s.io/instancegroup=<name>`.
 *
 * A kubelet may label its own node only outside the `kubernetes.io` and `k8s.io` namespaces, apart from a few
 * well-known labels: it refuses to start when `--node-labels` holds any other (the NodeRestriction admission
 * plugin would reject them anyway). kOps' own `kops.k8s.io/instancegroup` is one of those, so labels are split:
 * the kubelet sets what it may, and a control plane sets the restricted ones after the node registers.
 */
export interface NodeLabels {
  /** Passed to the kubelet as `--node-labels`. */
  readonly kubelet: Readonly<Record<string, string>>;
  /** Set through the API by a control plane (see node-labeler.ts). */
  readonly restricted: Readonly<Record<string, string>>;
}

/** Labels in the protected namespaces that kubelets are nonetheless allowed to set (as kubelet lists them). */
const KUBELET_SETTABLE = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);
const KUBELET_SETTABLE_PREFIXES = ['kubelet.kubernetes.io/', 'node.kubernetes.io/'];

/**
 * Labels that say "this is a control plane" or that Kubernetes reserves for labels a node must not choose.
 * The labeler never gives them to a worker, whatever the node asks for, so worker groups may not list them.
 */
export const CONTROL_PLANE_ONLY_LABELS: readonly string[] = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
  'node-restriction.kubernetes.io/*',
];

export function nodeLabelsOf(ig: InstanceGroup): NodeLabels {
  const all: Record<string, string> = {...ig.spec.nodeLabels, [INSTANCE_GROUP_LABEL]: ig.metadata.name};
  const kubelet: Record<string, string> = {};
  const restricted: Record<string, string> = {};
  for (const key of Object.keys(all).sort()) {
    (kubeletMaySet(key) ? kubelet : restricted)[key] = all[key] ?? '';
  }
  if (ig.spec.role !== 'ControlPlane') {
    const refused = Object.keys(restricted).filter(isControlPlaneOnly);
    if (refused.length > 0) {
      throw new ValidationError(
        refused.map((key) => ({
          path: `spec.nodeLabels.${key}`,
          message: `a ${ig.spec.role} group cannot carry "${key}": it is reserved for control planes`,
          hint: 'remove it, or use a label outside the kubernetes.io and k8s.io namespaces',
        })),
        `instance group "${ig.metadata.name}"`,
      );
    }
  }
  return {kubelet, restricted};
}

/** `k=v,k2=v2`, the form `--node-labels` and the labeler's claim annotation take. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export function isControlPlaneOnly(key: string): boolean {
  return CONTROL_PLANE_ONLY_LABELS.some((pattern) =>
    pattern.endsWith('/*') ? key.startsWith(pattern.slice(0, -1)) : key === pattern,
  );
}

function kubeletMaySet(key: string): boolean {
  const slash = key.indexOf('/');
  const namespace = slash < 0 ? '' : key.slice(0, slash);
  const protectedNamespace = ['kubernetes.io', 'k8s.io'].some((ns) => namespace === ns || namespace.endsWith(`.${ns}`));
  return !protectedNamespace || KUBELET_SETTABLE.has(key) || KUBELET_SETTABLE_PREFIXES.some((p) => key.startsWith(p));
}
