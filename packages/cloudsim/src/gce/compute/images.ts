import type {GceState} from '../gce-state.js';
import {isJson} from '../json.js';
import {fingerprint, stableNumericId} from '../wire/ids.js';
import {invalidField, notFound} from '../wire/google-error.js';
import {referencePath, selfLink} from '../wire/links.js';
import {resourcePath, type ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';

/** The public image projects the simulator seeds; their images are not the user's resources. */
export const PUBLIC_IMAGE_PROJECTS: readonly string[] = ['ubuntu-os-cloud', 'debian-cloud'];

/** Images are read-only here: the public ones are seeded, custom images are not simulated. */
export const images: ResourceFamily = {
  collection: 'images',
  kind: 'compute#image',
  typeName: 'image',
  scopes: ['global'],
  labelled: true,
};

interface SeedImage {
  readonly project: string;
  readonly name: string;
  readonly family: string;
  readonly created: string;
  readonly description: string;
  readonly arm64?: boolean;
  /** Older builds of a family are deprecated in favour of the newest. */
  readonly replacedBy?: string;
}

const SEED_IMAGES: readonly SeedImage[] = [
  {project: 'ubuntu-os-cloud', name: 'ubuntu-2404-noble-amd64-v20250930', family: 'ubuntu-2404-lts-amd64', created: '2025-09-30',
    description: 'Canonical, Ubuntu, 24.04 LTS, amd64 noble image built on 2025-09-30', replacedBy: 'ubuntu-2404-noble-amd64-v20251021'},
  {project: 'ubuntu-os-cloud', name: 'ubuntu-2404-noble-amd64-v20251021', family: 'ubuntu-2404-lts-amd64', created: '2025-10-21',
    description: 'Canonical, Ubuntu, 24.04 LTS, amd64 noble image built on 2025-10-21'},
  {project: 'ubuntu-os-cloud', name: 'ubuntu-2404-noble-arm64-v20251021', family: 'ubuntu-2404-lts-arm64', created: '2025-10-21',
    description: 'Canonical, Ubuntu, 24.04 LTS, arm64 noble image built on 2025-10-21', arm64: true},
  {project: 'ubuntu-os-cloud', name: 'ubuntu-2204-jammy-v20251021', family: 'ubuntu-2204-lts', created: '2025-10-21',
    description: 'Canonical, Ubuntu, 22.04 LTS, amd64 jammy image built on 2025-10-21'},
  {project: 'debian-cloud', name: 'debian-12-bookworm-v20250910', family: 'debian-12', created: '2025-09-10',
    description: 'Debian, Debian GNU/Linux, 12 (bookworm), amd64 built on 20250910', replacedBy: 'debian-12-bookworm-v20251014'},
  {project: 'debian-cloud', name: 'debian-12-bookworm-v20251014', family: 'debian-12', created: '2025-10-14',
    description: 'Debian, Debian GNU/Linux, 12 (bookworm), amd64 built on 20251014'},
  {project: 'debian-cloud', name: 'debian-12-bookworm-arm64-v20251014', family: 'debian-12-arm64', created: '2025-10-14',
    description: 'Debian, Debian GNU/Linux, 12 (bookworm), arm64 built on 20251014', arm64: true},
  {project: 'debian-cloud', name: 'debian-13-trixie-v20251014', family: 'debian-13', created: '2025-10-14',
    description: 'Debian, Debian GNU/Linux, 13 (trixie), amd64 built on 20251014'},
];

export function seedPublicImages(state: GceState): void {
  for (const seed of SEED_IMAGES) {
    const path = resourcePath(seed.project, 'global', 'images', seed.name);
    state.compute.add({
      collection: 'images',
      project: seed.project,
      scope: 'global',
      name: seed.name,
      createdAt: Date.parse(`${seed.created}T12:00:00Z`),
      body: {
        kind: 'compute#image',
        id: stableNumericId(path),
        creationTimestamp: `${seed.created}T12:00:00.000-07:00`,
        name: seed.name,
        description: seed.description,
        sourceType: 'RAW',
        status: 'READY',
        archiveSizeBytes: '1234567890',
        diskSizeGb: '10',
        family: seed.family,
        architecture: seed.arm64 ? 'ARM64' : 'X86_64',
        guestOsFeatures: [{type: 'VIRTIO_SCSI_MULTIQUEUE'}, {type: 'UEFI_COMPATIBLE'}, {type: 'GVNIC'}, {type: 'SEV_CAPABLE'}],
        labels: {},
        labelFingerprint: fingerprint({}),
        storageLocations: ['us', 'eu', 'asia'],
        ...(seed.replacedBy === undefined ? {} : {
          deprecated: {state: 'DEPRECATED', replacement: selfLink(resourcePath(seed.project, 'global', 'images', seed.replacedBy))},
        }),
        selfLink: selfLink(path),
      },
    });
  }
}

/** `images.getFromFamily`: the newest image of the family that is not deprecated. */
export function imageFromFamily(state: GceState, project: string, family: string): ComputeResource {
  const candidates = state.compute.list('images', project, 'global')
    .filter((image) => image.body.family === family && !isJson(image.body.deprecated))
    .sort((a, b) => b.createdAt - a.createdAt);
  const newest = candidates[0];
  if (!newest) throw notFound(`projects/${project}/global/images/family/${family}`);
  return newest;
}

/**
 * An image reference (`projects/debian-cloud/global/images/family/debian-12`, an image URL, ...): its
 * canonical link (a family link stays a family link, so new instances get the newest build) and the image.
 */
export function resolveImage(ctx: ComputeContext, value: unknown, field: string): {readonly link: string; readonly image: ComputeResource} {
  const path = typeof value === 'string' ? referencePath(value, ctx.project) : '';
  const family = /^projects\/([^/]+)\/global\/images\/family\/([^/]+)$/.exec(path);
  if (family) return {link: selfLink(path), image: imageFromFamily(ctx.state, family[1] as string, family[2] as string)};
  if (!/^projects\/[^/]+\/global\/images\/[^/]+$/.test(path)) throw invalidField(field, value ?? '', 'The URL is malformed.');
  const image = ctx.state.compute.get(path);
  if (!image) throw notFound(path);
  return {link: image.selfLink, image};
}
