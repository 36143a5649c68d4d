/**
 * Per instance group: an instance template (image, machine type, boot disk, network, tags, labels, service
 * account, user-data) and one zonal managed instance group per zone the group runs in, sharing the template.
 *
 * Templates cannot change: any change to one is a replacement, a new template under a new name, which the
 * managed instance groups then point at (setInstanceTemplate); running instances keep the old one until a
 * rolling update replaces them, since the groups only apply a template to instances they create
 * (OPPORTUNISTIC, not Google's default PROACTIVE: kopsx decides when machines are replaced).
 */
import {ValidationError, ref} from '@kopsx/core';
import type {InstanceGroup} from '@kopsx/core';
import {GCE_DEFAULTS} from '../defaults.js';
import {sourceImageOf} from '../image-reference.js';
import {Kind} from '../kinds.js';
import {BASE_INSTANCE_NAME_MAX, zoneLetter} from '../names.js';
import {INSTANCE_GROUP_LABEL, ROLE_LABEL, gceLabels} from '../ownership.js';
import {roleTag} from './firewall.js';
import type {ModelContext} from './model-context.js';
import {isPublic} from './network.js';
import {machineRoleOf, serviceAccountEmail} from './service-accounts.js';
import {userDataPath, userDataRequest, userDataTemplate} from './user-data.js';

const BOOT_DISK_SIZE_GB: Readonly<Record<string, number>> = {ControlPlane: 64, Node: 128, Bastion: 32};

const MACHINE_TYPE: Readonly<Record<string, string>> = {
  ControlPlane: GCE_DEFAULTS.controlPlaneMachineType,
  Node: GCE_DEFAULTS.nodeMachineType,
  Bastion: GCE_DEFAULTS.bastionMachineType,
};

export const DISK_TYPES: readonly string[] = ['pd-standard', 'pd-balanced', 'pd-ssd', 'pd-extreme', 'hyperdisk-balanced'];

/** What instances may do with Google APIs is decided by their service account's roles, not by scopes. */
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The user the admin SSH key is installed for: the default user of Ubuntu images. */
const SSH_USER = 'ubuntu';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function templateName(ctx: ModelContext, group: InstanceGroup): string {
  return ctx.named(group.metadata.name);
}

/** One managed instance group per zone: `a-nodes-us-central1-a-<cluster>`, as kOps names them. */
export function managerName(ctx: ModelContext, group: InstanceGroup, zone: string): string {
  return ctx.named(`${zoneLetter(zone)}-${group.metadata.name}`);
}

export function addInstanceGroups(ctx: ModelContext): void {
  for (const group of ctx.instanceGroups) {
    if (!NAME.test(group.metadata.name)) {
      throw new ValidationError([
        {path: `${group.metadata.name}.metadata.name`, message: 'GCE needs instance group names of lowercase letters, digits and dashes'},
      ]);
    }
    addTemplate(ctx, group);
    const zones = ctx.zonesOf(group);
    zones.forEach((zone, index) => addManager(ctx, group, zone, shareOf(group.spec.minSize, zones.length, index)));
  }
}

function addTemplate(ctx: ModelContext, group: InstanceGroup): void {
  const {spec, metadata} = group;
  const name = templateName(ctx, group);
  const role = machineRoleOf(spec.role);
  const [subnet] = ctx.subnetsOf(group);
  if (!subnet) throw new ValidationError([{path: `${metadata.name}.spec.subnets`, message: 'names no subnet'}]);
  const userData = ctx.inputs.userData(userDataRequest(ctx, group));
  ctx.files.push({path: userDataPath(name), content: userDataTemplate(userData).content});
  const sshKey = ctx.inputs.sshPublicKey?.trim();
  const email = serviceAccountEmail(ctx, role);
  ctx.add(
    Kind.instanceTemplate,
    name,
    {
      machineType: spec.machineType ?? MACHINE_TYPE[spec.role] ?? GCE_DEFAULTS.nodeMachineType,
      sourceImage: sourceImageOf(spec.image ?? GCE_DEFAULTS.image),
      diskSizeGb: spec.rootVolumeSize ?? BOOT_DISK_SIZE_GB[spec.role] ?? 64,
      diskType: diskTypeOf(spec.rootVolumeType, `${metadata.name}.spec.rootVolumeType`),
      network: ctx.networkLink(),
      // One interface: in the first of the group's subnetworks, which span the region and so every zone.
      subnetwork: subnet.link,
      externalIp: externalIp(ctx, group),
      tags: [roleTag(ctx, role)],
      serviceAccountEmail: email,
      scopes: email ? [CLOUD_PLATFORM_SCOPE] : undefined,
      sshKeys: sshKey ? `${SSH_USER}:${sshKey}` : undefined,
      // The document as text: the handler fits it to Google's limit once references are resolved.
      userData,
    },
    {labels: {...gceLabels(spec.cloudLabels), [INSTANCE_GROUP_LABEL]: metadata.name, [ROLE_LABEL]: role}},
  );
}

/** Spreads a group's size over its zones, the first zones taking one more when it does not divide evenly. */
function shareOf(total: number, zones: number, index: number): number {
  return Math.floor(total / zones) + (index < total % zones ? 1 : 0);
}

function addManager(ctx: ModelContext, group: InstanceGroup, zone: string, targetSize: number): void {
  const name = managerName(ctx, group, zone);
  ctx.add(Kind.instanceGroupManager, name, {
    zone,
    instanceTemplate: ref(Kind.instanceTemplate, templateName(ctx, group)),
    baseInstanceName: ctx.named(`${zoneLetter(zone)}-${group.metadata.name}`, BASE_INSTANCE_NAME_MAX),
    targetSize,
    updatePolicyType: 'OPPORTUNISTIC',
  });
}

/** Instances in public subnets need an external address to reach the internet; kOps' `associatePublicIp` wins. */
function externalIp(ctx: ModelContext, group: InstanceGroup): boolean {
  if (typeof group.spec.associatePublicIp === 'boolean') return group.spec.associatePublicIp;
  return ctx.subnetsOf(group).every(isPublic);
}

export function diskTypeOf(value: unknown, path: string): string {
  if (value === undefined) return 'pd-balanced';
  if (typeof value === 'string' && DISK_TYPES.includes(value)) return value;
  throw new ValidationError([{path, message: `"${String(value)}" is not a GCE disk type`, hint: `use one of ${DISK_TYPES.join(', ')}`}]);
}
