import {isJson, records, str, stringMap, type Json} from '../json.js';
import {GoogleApiError, invalidField, requiredField} from '../wire/google-error.js';
import {findMachineType} from './catalog.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {resolveImage} from './images.js';
import {metadataOf, schedulingOf, tagsOf} from './instance-properties.js';
import {optionalReference} from './references.js';

/**
 * Global instance templates: immutable instance properties (machine type by name, boot image, metadata
 * such as `user-data`, tags, labels, service accounts, network). References are checked and written as
 * full URLs; zone-dependent checks (subnetwork region, quota, service accounts) happen when a managed
 * instance group creates instances from it. A template a group uses cannot be deleted.
 */
export const instanceTemplates: ResourceFamily = {
  collection: 'instanceTemplates',
  kind: 'compute#instanceTemplate',
  typeName: 'instance_template',
  scopes: ['global'],
  inUseBy: ['instanceGroupManagers'],

  create(input, ctx) {
    if (!isJson(input.properties)) throw requiredField('resource.properties');
    return {...ctx.base, properties: templateProperties(ctx, input.properties)};
  },
};

function templateProperties(ctx: ComputeContext, properties: Json): Json {
  const machineType = str(properties.machineType);
  if (machineType === undefined) throw requiredField('resource.properties.machineType');
  if (!findMachineType(machineType)) {
    throw invalidField('resource.properties.machineType', machineType, `Machine type with name '${machineType}' does not exist.`);
  }
  const disks = records(properties.disks);
  if (disks.filter((disk) => disk.boot === true).length !== 1) {
    throw new GoogleApiError(400, 'invalid', "Invalid value for field 'resource.properties.disks': exactly one disk must have boot: true.");
  }
  const labels = stringMap(properties.labels);
  return {
    ...properties,
    machineType,
    disks: disks.map((disk, index) => templateDisk(ctx, disk, index)),
    networkInterfaces: records(properties.networkInterfaces).map((nic, index) => {
      const field = `resource.properties.networkInterfaces[${index}]`;
      const network = optionalReference(ctx, nic.network, {field: `${field}.network`, collection: 'networks'});
      const subnetwork = optionalReference(ctx, nic.subnetwork, {field: `${field}.subnetwork`, collection: 'subnetworks'});
      return {...nic, ...(network ? {network} : {}), ...(subnetwork ? {subnetwork} : {}), kind: 'compute#networkInterface'};
    }),
    metadata: metadataOf(properties.metadata, 'resource.properties.metadata'),
    tags: tagsOf(properties.tags),
    ...(Object.keys(labels).length > 0 ? {labels} : {}),
    scheduling: schedulingOf(properties.scheduling),
    canIpForward: properties.canIpForward === true,
  };
}

function templateDisk(ctx: ComputeContext, disk: Json, index: number): Json {
  const params = isJson(disk.initializeParams) ? disk.initializeParams : undefined;
  const field = `resource.properties.disks[${index}].initializeParams.sourceImage`;
  if (disk.boot === true && params?.sourceImage === undefined) throw requiredField(field);
  const sourceImage = params?.sourceImage === undefined ? undefined : resolveImage(ctx, params.sourceImage, field).link;
  return {
    ...disk,
    kind: 'compute#attachedDisk',
    type: str(disk.type) ?? 'PERSISTENT',
    mode: str(disk.mode) ?? 'READ_WRITE',
    boot: disk.boot === true,
    autoDelete: disk.autoDelete === true,
    ...(params ? {initializeParams: {...params, ...(sourceImage ? {sourceImage} : {})}} : {}),
  };
}
