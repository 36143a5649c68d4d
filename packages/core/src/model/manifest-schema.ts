import {z} from 'zod';
import {
  BASTION_PASSTHROUGH_FIELDS,
  CLUSTER_PASSTHROUGH_FIELDS,
  ETCD_CLUSTER_PASSTHROUGH_FIELDS,
  ETCD_MEMBER_PASSTHROUGH_FIELDS,
  INSTANCE_GROUP_PASSTHROUGH_FIELDS,
  LOAD_BALANCER_PASSTHROUGH_FIELDS,
} from './kops-passthrough-fields.js';
import {API_VERSION, type Cluster, type InstanceGroup} from './types.js';

/**
 * The structure of Cluster and InstanceGroup documents. Objects are strict, so a misspelt or foreign field is
 * reported with its path; sections kopsx does not interpret are accepted as opaque values. The transforms
 * turn older kOps spellings into the one form the rest of kopsx reads (see types.ts).
 * Semantic rules (CIDRs, references between documents, ...) live in the validate-* modules.
 */

function opaque<const K extends string>(keys: readonly K[]): Record<K, z.ZodOptional<z.ZodUnknown>> {
  return Object.fromEntries(keys.map((key) => [key, z.unknown().optional()])) as Record<K, z.ZodOptional<z.ZodUnknown>>;
}

/** A custom message for a wrong value that still says "missing" when the field is absent. */
const invalid = (message: string) => (issue: {input?: unknown}) =>
  issue.input === undefined ? 'required field is missing' : message;

const text = z.string().min(1, {error: 'must not be empty'});
const stringMap = z.record(z.string(), z.string());
/** `cilium: {}` and `cilium:` (null) mean the same in YAML; keep the object form. */
const section = z
  .record(z.string(), z.unknown())
  .nullable()
  .transform((value) => value ?? {});
const topologyKind = z.enum(['public', 'private']);
const countOrPercentError = invalid('must be a count or a percentage like "25%"');
const countOrPercent = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+%$/, {error: countOrPercentError})], {
  error: countOrPercentError,
});

const metadataSchema = z.strictObject({
  name: text,
  creationTimestamp: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  generation: z.number().int().optional(),
});

const rollingUpdateSchema = z.strictObject({
  maxSurge: countOrPercent.optional(),
  maxUnavailable: countOrPercent.optional(),
  drainAndTerminate: z.boolean().optional(),
});

const subnetSchema = z.strictObject({
  name: text,
  zone: text.optional(),
  region: text.optional(),
  type: z.enum(['Public', 'Private', 'Utility', 'DualStack'], {error: invalid('must be Public, Private, Utility or DualStack')}),
  cidr: z.string().optional(),
  ipv6CIDR: z.string().optional(),
  id: z.string().optional(),
  egress: z.string().optional(),
  publicIP: z.string().optional(),
  additionalRoutes: z.array(z.unknown()).optional(),
});

const topologySchema = z
  .strictObject({
    masters: topologyKind.optional(),
    controlPlane: topologyKind.optional(),
    nodes: topologyKind.optional(),
    bastion: z.strictObject({bastionPublicName: z.string().optional(), ...opaque(BASTION_PASSTHROUGH_FIELDS)}).optional(),
    dns: z
      .strictObject({type: z.enum(['Public', 'Private', 'None'], {error: invalid('must be Public, Private or None')})})
      .optional(),
  })
  .transform(({masters, controlPlane, ...rest}) => {
    const kind = controlPlane ?? masters;
    return kind ? {controlPlane: kind, ...rest} : rest;
  });

const apiSchema = z.strictObject({
  dns: z
    .strictObject({})
    .nullable()
    .transform((): Record<string, never> => ({}))
    .optional(),
  loadBalancer: z
    .strictObject({
      type: z.enum(['Public', 'Internal'], {error: invalid('must be Public or Internal')}).default('Public'),
      class: z.string().optional(),
      ...opaque(LOAD_BALANCER_PASSTHROUGH_FIELDS),
    })
    .optional(),
  publicName: z.string().optional(),
});

const etcdClusterSchema = z.strictObject({
  name: text,
  etcdMembers: z
    .array(
      z.strictObject({
        name: text,
        instanceGroup: text,
        encryptedVolume: z.boolean().optional(),
        volumeSize: z.number().int().positive().optional(),
        ...opaque(ETCD_MEMBER_PASSTHROUGH_FIELDS),
      }),
    )
    .default([]),
  ...opaque(ETCD_CLUSTER_PASSTHROUGH_FIELDS),
});

/** `cloudProvider: aws` (v1alpha2) and `cloudProvider: {aws: {...}}` both become the object form. */
const cloudProviderSchema = z
  .union([text, z.record(z.string(), section)], {error: invalid('must name a cloud, e.g. "cloudProvider: aws"')})
  .transform((value) => (typeof value === 'string' ? {[value]: {}} : value));

const clusterSpecSchema = z.strictObject({
  cloudProvider: cloudProviderSchema,
  kubernetesVersion: z.string().optional(),
  configBase: z.string().optional(),
  channel: z.string().optional(),
  networkCIDR: z.string().optional(),
  additionalNetworkCIDRs: z.array(z.string()).optional(),
  networkID: z.string().optional(),
  nonMasqueradeCIDR: z.string().optional(),
  serviceClusterIPRange: z.string().optional(),
  podCIDR: z.string().optional(),
  subnets: z.array(subnetSchema).default([]),
  topology: topologySchema.optional(),
  api: apiSchema.optional(),
  kubernetesApiAccess: z.array(z.string()).optional(),
  sshAccess: z.array(z.string()).optional(),
  dnsZone: z.string().optional(),
  etcdClusters: z.array(etcdClusterSchema).default([]),
  networking: z.record(z.string(), section).optional(),
  sshKeyName: z.string().optional(),
  masterPublicName: z.string().optional(),
  masterInternalName: z.string().optional(),
  cloudLabels: stringMap.optional(),
  rollingUpdate: rollingUpdateSchema.optional(),
  ...opaque(CLUSTER_PASSTHROUGH_FIELDS),
});

const ROLES = ['ControlPlane', 'Node', 'Bastion', 'Master'] as const;
/** Roles kOps has behind feature flags; kopsx runs the whole control plane on ControlPlane groups. */
const KOPS_EXPERIMENTAL_ROLES: unknown[] = ['APIServer', 'Etcd', 'Scheduler', 'KubeControllerManager'];
const roleError = (issue: {input?: unknown}) =>
  KOPS_EXPERIMENTAL_ROLES.includes(issue.input)
    ? `kOps' experimental role ${String(issue.input)} is not supported; use ControlPlane, Node or Bastion`
    : invalid('must be ControlPlane, Node or Bastion')(issue);

const instanceGroupSpecSchema = z
  .strictObject({
    role: z.enum(ROLES, {error: roleError}).transform((role) => (role === 'Master' ? 'ControlPlane' : role)),
    image: z.string().optional(),
    machineType: z.string().optional(),
    minSize: z.number().int().optional(),
    maxSize: z.number().int().optional(),
    subnets: z.array(z.string()),
    zones: z.array(z.string()).optional(),
    rootVolumeSize: z.number().int().positive().optional(),
    nodeLabels: stringMap.optional(),
    cloudLabels: stringMap.optional(),
    taints: z.array(z.string()).optional(),
    rollingUpdate: rollingUpdateSchema.optional(),
    ...opaque(INSTANCE_GROUP_PASSTHROUGH_FIELDS),
  })
  .transform((spec) => {
    // kOps fills missing sizes with 1 (2 for nodes); when only one size is given, the other follows it.
    const fallback = spec.role === 'Node' ? 2 : 1;
    return {...spec, minSize: spec.minSize ?? spec.maxSize ?? fallback, maxSize: spec.maxSize ?? spec.minSize ?? fallback};
  });

export const clusterSchema: z.ZodType<Cluster> = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('Cluster'),
  metadata: metadataSchema,
  spec: clusterSpecSchema,
});

export const instanceGroupSchema: z.ZodType<InstanceGroup> = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('InstanceGroup'),
  metadata: metadataSchema,
  spec: instanceGroupSpecSchema,
});
