import {isJson, records, str, strings, type Json} from '../json.js';
import {alreadyExists, GoogleApiError, invalidField, requiredField, resourceInUse} from '../wire/google-error.js';
import {fingerprint} from '../wire/ids.js';
import {selfLink} from '../wire/links.js';
import {defaultServiceAccount} from './catalog-calls.js';
import {resourcePath, type ComputeResource} from './compute-store.js';
import {diskType} from './disks.js';
import type {ComputeContext} from './family.js';
import {resolveImage} from './images.js';
import {externalAddress, internalAddress} from './ip-addresses.js';
import {resolveReference} from './references.js';
import {regionOfScope} from './scopes.js';

/** A disk of a new instance: an existing one to attach, or one to create from `initializeParams`. */
export interface PlannedDisk {
  /** The attached-disk entry of the instance, `source` included. */
  readonly attached: Json;
  readonly existing?: ComputeResource;
  readonly create?: Json;
}

/**
 * The instance's disks, checked before anything is created: one boot disk, images that exist, names of
 * new disks that are free (by default the boot disk is named after the instance), attached disks unused.
 */
export function planDisks(ctx: ComputeContext, instanceName: string, input: unknown): PlannedDisk[] {
  const requested = records(input);
  if (requested.length === 0) throw requiredField('resource.disks');
  if (requested.filter((disk) => disk.boot === true).length !== 1) {
    throw new GoogleApiError(400, 'invalid', "Invalid value for field 'resource.disks': exactly one disk must have boot: true.");
  }
  return requested.map((disk, index) => {
    const field = `resource.disks[${index}]`;
    const boot = disk.boot === true;
    const common = {
      kind: 'compute#attachedDisk',
      type: 'PERSISTENT',
      mode: str(disk.mode) ?? 'READ_WRITE',
      deviceName: str(disk.deviceName) ?? `persistent-disk-${index}`,
      index,
      boot,
      // Google's default: the disk outlives the instance unless told otherwise.
      autoDelete: disk.autoDelete === true,
      interface: str(disk.interface) ?? 'SCSI',
    };
    if (disk.source !== undefined) {
      const existing = resolveReference(ctx, disk.source, {field: `${field}.source`, collection: 'disks', scope: ctx.scope});
      const [user] = strings(existing.body.users);
      if (user !== undefined && common.mode === 'READ_WRITE') throw resourceInUse('disk', existing.path, user.replace(/^.*\/compute\/v1\//, ''));
      return {attached: {...common, source: existing.selfLink, diskSizeGb: existing.body.sizeGb}, existing};
    }
    const params = isJson(disk.initializeParams) ? disk.initializeParams : {};
    if (boot && params.sourceImage === undefined) throw requiredField(`${field}.initializeParams.sourceImage`);
    const image = params.sourceImage === undefined ? undefined : resolveImage(ctx, params.sourceImage, `${field}.initializeParams.sourceImage`);
    const name = str(params.diskName) ?? (boot ? instanceName : `${instanceName}-${index}`);
    const path = resourcePath(ctx.project, ctx.scope, 'disks', name);
    if (ctx.state.compute.get(path)) throw alreadyExists(path);
    const size = Number(params.diskSizeGb ?? image?.image.body.diskSizeGb ?? 500);
    if (!Number.isInteger(size) || size < Number(image?.image.body.diskSizeGb ?? 1)) {
      throw invalidField(`${field}.initializeParams.diskSizeGb`, params.diskSizeGb, 'Requested disk size cannot be smaller than the image size.');
    }
    const create = {
      name,
      sizeGb: String(size),
      type: diskType(ctx, params.diskType),
      ...(image ? {sourceImage: image.image.selfLink} : {}),
      ...(isJson(params.labels) ? {labels: params.labels} : {}),
    };
    return {attached: {...common, source: selfLink(path), diskSizeGb: String(size)}, create};
  });
}

/**
 * The instance's network interfaces: a subnetwork in the instance's region (an auto mode network's is
 * found from the network), an internal address from its range, and external NAT addresses when asked.
 */
export function networkInterfaces(ctx: ComputeContext, input: unknown): Json[] {
  const requested = records(input);
  if (requested.length === 0) throw requiredField('resource.networkInterfaces');
  const region = regionOfScope(ctx.scope);
  return requested.map((nic, index) => {
    const field = `resource.networkInterfaces[${index}]`;
    const subnetwork = nic.subnetwork === undefined
      ? autoSubnetwork(ctx, nic.network ?? 'global/networks/default', field)
      : resolveReference(ctx, nic.subnetwork, {field: `${field}.subnetwork`, collection: 'subnetworks', scope: `regions/${region}`});
    if (regionOfScope(subnetwork.scope) !== region) {
      throw invalidField(`${field}.subnetwork`, subnetwork.selfLink, `Subnetwork must be in the instance's region '${region}'.`);
    }
    const network = String(subnetwork.body.network);
    if (nic.network !== undefined && resolveReference(ctx, nic.network, {field: `${field}.network`, collection: 'networks'}).selfLink !== network) {
      throw invalidField(`${field}.network`, nic.network, 'The subnetwork is not in this network.');
    }
    const accessConfigs = records(nic.accessConfigs).map((access) => ({
      kind: 'compute#accessConfig',
      type: str(access.type) ?? 'ONE_TO_ONE_NAT',
      name: str(access.name) ?? 'External NAT',
      natIP: str(access.natIP) ?? externalAddress(ctx.state, ctx.project),
      networkTier: str(access.networkTier) ?? 'PREMIUM',
    }));
    const body: Json = {
      kind: 'compute#networkInterface',
      network,
      subnetwork: subnetwork.selfLink,
      networkIP: internalAddress(ctx.state, subnetwork, `${field}.networkIP`, nic.networkIP),
      name: `nic${index}`,
      ...(accessConfigs.length > 0 ? {accessConfigs} : {}),
      ...(Array.isArray(nic.aliasIpRanges) ? {aliasIpRanges: nic.aliasIpRanges} : {}),
      stackType: 'IPV4_ONLY',
    };
    return {...body, fingerprint: fingerprint(body)};
  });
}

function autoSubnetwork(ctx: ComputeContext, networkRef: unknown, field: string): ComputeResource {
  const network = resolveReference(ctx, networkRef, {field: `${field}.network`, collection: 'networks'});
  const subnetwork = ctx.state.compute.list('subnetworks', network.project, `regions/${regionOfScope(ctx.scope)}`)
    .find((candidate) => candidate.body.network === network.selfLink);
  if (network.body.autoCreateSubnetworks !== true || !subnetwork) {
    throw invalidField(`${field}.subnetwork`, '', 'Subnetwork should be specified for custom subnetmode network');
  }
  return subnetwork;
}

/** `default` becomes the project's compute service account; IAM service accounts of a project must exist. */
export function serviceAccounts(ctx: ComputeContext, input: unknown): Json[] {
  return records(input).map((account, index) => {
    const email = str(account.email) ?? 'default';
    const iam = /^[^@]+@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email);
    if (iam && !ctx.state.iam.account(iam[1] as string, email)) {
      throw invalidField(`resource.serviceAccounts[${index}].email`, email, 'The service account does not exist.');
    }
    return {email: email === 'default' ? defaultServiceAccount(ctx.project) : email, scopes: strings(account.scopes)};
  });
}

/** Metadata as Google keeps it: unique keys, string values, and a fingerprint to guard updates. */
export function metadataOf(input: unknown, field = 'resource.metadata'): Json {
  const items = records(isJson(input) ? input.items : undefined).map((item, index) => {
    const key = str(item.key);
    if (key === undefined || !/^[a-zA-Z0-9_-]{1,128}$/.test(key)) throw invalidField(`${field}.items[${index}].key`, item.key ?? '', 'Invalid metadata key.');
    return {key, value: str(item.value) ?? ''};
  });
  const keys = items.map((item) => item.key);
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate !== undefined) throw invalidField(`${field}.items`, duplicate, 'Duplicate metadata key.');
  return {kind: 'compute#metadata', fingerprint: fingerprint(items), ...(items.length > 0 ? {items} : {})};
}

export function tagsOf(input: unknown): Json {
  const items = strings(isJson(input) ? input.items : undefined);
  return {...(items.length > 0 ? {items} : {}), fingerprint: fingerprint(items)};
}

export function schedulingOf(input: unknown): Json {
  return {onHostMaintenance: 'MIGRATE', automaticRestart: true, preemptible: false, provisioningModel: 'STANDARD', ...(isJson(input) ? input : {})};
}
