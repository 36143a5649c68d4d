import {strings} from '../json.js';
import {invalidField} from '../wire/google-error.js';
import {selfLink} from '../wire/links.js';
import type {ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {resolveImage} from './images.js';
import {scopeName} from './scopes.js';

const DISK_TYPES = ['pd-standard', 'pd-balanced', 'pd-ssd', 'pd-extreme', 'hyperdisk-balanced'];

/**
 * Zonal persistent disks: blank (500 GB by default, as Google's pd-standard) or from an image (its size).
 * A disk attached to an instance lists it in `users` and cannot be deleted.
 */
export const disks: ResourceFamily = {
  collection: 'disks',
  kind: 'compute#disk',
  typeName: 'disk',
  scopes: ['zone'],
  labelled: true,
  inUseBy: ['instances'],

  create(input, ctx) {
    const source = input.sourceImage === undefined ? undefined : resolveImage(ctx, input.sourceImage, 'resource.sourceImage');
    const minimum = Number(source?.image.body.diskSizeGb ?? 1);
    const size = input.sizeGb === undefined ? (source ? minimum : 500) : Number(input.sizeGb);
    if (!Number.isInteger(size) || size < minimum || size > 65536) {
      throw invalidField('resource.sizeGb', input.sizeGb, `Requested disk size must be a whole number of GB between ${minimum} and 65536.`);
    }
    return {
      ...ctx.base,
      sizeGb: String(size),
      type: diskType(ctx, input.type),
      status: 'READY',
      ...(source ? {sourceImage: source.image.selfLink, sourceImageId: source.image.body.id, architecture: source.image.body.architecture} : {}),
      physicalBlockSizeBytes: '4096',
    };
  },

  methods: {
    resize: {
      mutating: true,
      run(disk, call) {
        const size = Number(call.body.sizeGb);
        if (!Number.isInteger(size) || size <= Number(disk.body.sizeGb)) {
          throw invalidField('sizeGb', call.body.sizeGb, `The new size must be larger than the current ${String(disk.body.sizeGb)} GB.`);
        }
        disk.body.sizeGb = String(size);
      },
    },
  },
};

/** `zones/Z/diskTypes/pd-balanced` (or its bare name) as a full link in the disk's zone. */
export function diskType(ctx: ComputeContext, value: unknown): string {
  const zone = scopeName(ctx.scope);
  const name = typeof value === 'string' && value !== '' ? value.slice(value.lastIndexOf('/') + 1) : 'pd-standard';
  if (!DISK_TYPES.includes(name)) throw invalidField('resource.type', value, `Unknown disk type; known types: ${DISK_TYPES.join(', ')}.`);
  return selfLink(`projects/${ctx.project}/zones/${zone}/diskTypes/${name}`);
}

/** Records that `instanceLink` uses (or, with `attached: false`, no longer uses) the disk. */
export function setDiskUser(disk: ComputeResource, instanceLink: string, attached: boolean): void {
  const users = strings(disk.body.users).filter((link) => link !== instanceLink);
  if (attached) users.push(instanceLink);
  if (users.length > 0) disk.body.users = users;
  else delete disk.body.users;
}
