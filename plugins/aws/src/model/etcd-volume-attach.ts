/**
 * How a control plane gets its etcd volume: core's bootstrap runs the discover command until it prints a block
 * device, then formats (if blank) and mounts it for etcd. On AWS the command attaches the volume itself, with the
 * instance role (`ec2:AttachVolume` on volumes and instances tagged for the cluster, see iam-policies.ts).
 */
import type {EtcdVolume, InstanceGroup} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {CLUSTER_TAG, KIND_TAG} from '../tags.js';
import {ETCD_ATTACH_SCRIPT} from './etcd-attach-script.js';
import {etcdTagKey, etcdTagValue} from './etcd-volumes.js';
import type {ModelContext} from './model-context.js';

/** Where the volume is attached; Xen instances show it under this name, Nitro ones as NVMe (by volume ID). */
const ETCD_DEVICE_NAME = '/dev/xvdu';

/** The etcd cluster kubeadm's single etcd stands for: its members' volumes are the ones attached. */
const KUBEADM_ETCD = 'main';

/**
 * The etcd volume of a control-plane group: the `main` volume of a member running on it. Undefined for other
 * roles and for control-plane groups without a member, whose etcd keeps its data on the root disk.
 */
export function etcdVolumeOf(ctx: ModelContext, group: InstanceGroup): EtcdVolume | undefined {
  if (group.spec.role !== 'ControlPlane') return undefined;
  const etcd = ctx.spec.etcdClusters.find((cluster) => cluster.name === KUBEADM_ETCD);
  const members = etcd?.etcdMembers.filter((member) => member.instanceGroup === group.metadata.name) ?? [];
  if (!etcd || members.length === 0) return undefined;
  const tags = [
    `${CLUSTER_TAG}=${ctx.clusterName}`,
    `${KIND_TAG}=${Kind.ebsVolume}`,
    ...members.map((member) => `${etcdTagKey(etcd)}=${etcdTagValue(etcd, member)}`),
  ];
  const args = [ctx.region, ETCD_DEVICE_NAME, ...tags];
  return {discoverCommand: [installBoto3(), `python3 -c ${quoteScript(ETCD_ATTACH_SCRIPT)} ${args.map(shellWord).join(' ')}`].join(' && ')};
}

/**
 * Ubuntu's images have python3 but not boto3. By the time the volume is mounted the bootstrap has refreshed
 * apt's lists; apt's output goes to stderr, since stdout is the device path.
 */
function installBoto3(): string {
  return "{ python3 -c 'import boto3' 2>/dev/null || apt-get -q -y -o DPkg::Lock::Timeout=600 install python3-boto3 >&2; }";
}

function quoteScript(script: string): string {
  // The script is written without single quotes, so one pair of them keeps it intact.
  if (script.includes("'")) throw new Error('the etcd attach script must not contain single quotes');
  return `'${script}'`;
}

/** A value as one bash word (member names come from the spec). */
function shellWord(value: string): string {
  if (/^[A-Za-z0-9_./:=@,+-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}
