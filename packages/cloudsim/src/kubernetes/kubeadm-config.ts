import yaml from 'js-yaml';
import {isRecord} from './object-meta.js';
import type {WrittenFile} from './user-data.js';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** What a machine's kubeadm configuration says about the node it registers. */
export interface KubeadmNode {
  /** `kubeadm init`, or `kubeadm join` with `controlPlane`. */
  readonly controlPlane: boolean;
  /** The kubelet's `node-labels`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** From a ClusterConfiguration, when the machine has one (control planes). */
  readonly kubernetesVersion?: string;
}

/** kubeadm's taint on control planes when the configuration sets none. */
export const CONTROL_PLANE_TAINT: Taint = {key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'};

/**
 * Reads the kubeadm configuration (`kubeadm.k8s.io/v1beta4`, or v1beta3) among the files a cloud-config
 * writes. Undefined when there is no InitConfiguration or JoinConfiguration: the machine is not a node.
 * The registration is the JoinConfiguration's when there is one (every machine kopsx boots joins, or may join),
 * else the InitConfiguration's.
 */
export function readKubeadmNode(files: readonly WrittenFile[]): KubeadmNode | undefined {
  const documents = files
    .filter((file) => /kind:\s*(Init|Join)Configuration/.test(file.content))
    .flatMap((file) => kubeadmDocuments(file.content));
  const inits = documents.filter((doc) => doc.kind === 'InitConfiguration');
  const joins = documents.filter((doc) => doc.kind === 'JoinConfiguration');
  if (inits.length === 0 && joins.length === 0) return undefined;
  const controlPlane = inits.length > 0 || joins.some((doc) => doc.controlPlane !== undefined && doc.controlPlane !== null);
  const registration = [...joins, ...inits].map((doc) => doc.nodeRegistration).find(isRecord) ?? {};
  const kubeletArgs = kubeletExtraArgs(registration.kubeletExtraArgs);
  const declared = Array.isArray(registration.taints) ? registration.taints.filter(isRecord).map(readTaint) : undefined;
  const version = documents.find((doc) => doc.kind === 'ClusterConfiguration')?.kubernetesVersion;
  return {
    controlPlane,
    labels: parseLabelList(kubeletArgs.get('node-labels') ?? ''),
    taints: [
      ...(declared ?? (controlPlane ? [CONTROL_PLANE_TAINT] : [])),
      ...(kubeletArgs.get('register-with-taints') ?? '').split(',').filter(Boolean).map(parseTaintText),
    ],
    ...(typeof version === 'string' ? {kubernetesVersion: version} : {}),
  };
}

function kubeadmDocuments(content: string): Record<string, unknown>[] {
  try {
    return yaml.loadAll(content).filter(isRecord).filter((doc) => String(doc.apiVersion).startsWith('kubeadm.k8s.io/'));
  } catch {
    return [];
  }
}

/** v1beta4 lists `{name, value}` (a name may repeat; the last wins here); v1beta3 has a map. */
function kubeletExtraArgs(args: unknown): Map<string, string> {
  if (Array.isArray(args)) return new Map(args.filter(isRecord).map((arg) => [String(arg.name), String(arg.value ?? '')]));
  if (isRecord(args)) return new Map(Object.entries(args).map(([name, value]) => [name, String(value)]));
  return new Map();
}

/** `k=v,k2=v2`, the form of `--node-labels`. */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals > 0) labels[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return labels;
}

function readTaint(taint: Record<string, unknown>): Taint {
  return {
    key: String(taint.key ?? ''),
    ...(taint.value === undefined || taint.value === '' ? {} : {value: String(taint.value)}),
    effect: String(taint.effect ?? ''),
  };
}

/** `key[=value]:Effect`, the form of `--register-with-taints`. */
function parseTaintText(text: string): Taint {
  const [keyValue = '', effect = ''] = text.split(':');
  const [key = '', value] = keyValue.split('=');
  return {key, ...(value ? {value} : {}), effect};
}
