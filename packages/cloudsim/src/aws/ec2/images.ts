import {createHash} from 'node:crypto';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {applyFilters, readFilters} from '../wire/filters.js';
import {paginate} from '../wire/paging.js';
import {items} from '../wire/xml-writer.js';
import type {Image} from './ec2-state.js';
import type {RegionalTable} from './regional-table.js';
import {tagSetXml} from './tags.js';
import {REGION_NAMES} from './zones.js';

/** Publishers of the seeded public images, as on AWS. */
export const CANONICAL_OWNER_ID = '099720109477';
export const DEBIAN_OWNER_ID = '136693071363';
export const AMAZON_OWNER_ID = '137112412989';

interface ImageSeed {
  readonly name: string;
  readonly ownerId: string;
  readonly ownerAlias?: string;
  readonly description: string;
  readonly rootDeviceName: string;
}

const ubuntu = (release: string, version: string, arch: string, date: string, volume: string): ImageSeed => ({
  name: `ubuntu/images/${volume}/ubuntu-${release}-${version}-${arch}-server-${date}`,
  ownerId: CANONICAL_OWNER_ID,
  description: `Canonical, Ubuntu, ${version} LTS, ${arch} ${release} image`,
  rootDeviceName: '/dev/sda1',
});

const debian = (version: string, arch: string, build: string): ImageSeed => ({
  name: `debian-${version}-${arch}-${build}`,
  ownerId: DEBIAN_OWNER_ID,
  description: `Debian ${version} (${build})`,
  rootDeviceName: '/dev/xvda',
});

/** Several builds per distribution, so that "newest image matching a name pattern" has a real answer. */
const IMAGE_SEEDS: readonly ImageSeed[] = [
  ubuntu('noble', '24.04', 'amd64', '20250115', 'hvm-ssd-gp3'),
  ubuntu('noble', '24.04', 'amd64', '20250610', 'hvm-ssd-gp3'),
  ubuntu('noble', '24.04', 'arm64', '20250610', 'hvm-ssd-gp3'),
  ubuntu('jammy', '22.04', 'amd64', '20250516', 'hvm-ssd'),
  ubuntu('jammy', '22.04', 'arm64', '20250516', 'hvm-ssd'),
  debian('12', 'amd64', '20250610-2137'),
  debian('12', 'arm64', '20250610-2137'),
  debian('13', 'amd64', '20250814-2204'),
  {
    name: 'al2023-ami-2023.7.20250609.0-kernel-6.1-x86_64',
    ownerId: AMAZON_OWNER_ID,
    ownerAlias: 'amazon',
    description: 'Amazon Linux 2023 AMI 2023.7.20250609.0 x86_64 HVM kernel-6.1',
    rootDeviceName: '/dev/xvda',
  },
];

/** Image IDs differ per region on AWS; here they are derived from region and name, so they are stable. */
function imageId(region: string, name: string): string {
  return `ami-${createHash('sha256').update(`${region}/${name}`).digest('hex').slice(0, 17)}`;
}

export function seedImages(table: RegionalTable<Image>): void {
  for (const region of REGION_NAMES) {
    for (const seed of IMAGE_SEEDS) {
      const id = imageId(region, seed.name);
      const date = /(\d{4})(\d{2})(\d{2})/.exec(seed.name);
      table.add({
        ...seed,
        id,
        region,
        tags: new Map(),
        architecture: /arm64|aarch64/.test(seed.name) ? 'arm64' : 'x86_64',
        creationDate: date ? `${date[1]}-${date[2]}-${date[3]}T12:00:00.000Z` : '2025-01-01T00:00:00.000Z',
        snapshotId: `snap-${id.slice('ami-'.length)}`,
        volumeSize: 8,
      });
    }
  }
}

export const imageHandlers: QueryHandlers = {
  DescribeImages({input, region, aws}) {
    const owners = input.strings('Owner');
    const wanted = input.strings('ImageId');
    let images = aws.ec2.images.inRegion(region);
    const missing = wanted.find((id) => !images.some((image) => image.id === id));
    if (missing) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing}]' does not exist`);
    if (wanted.length > 0) images = images.filter((image) => wanted.includes(image.id));
    if (owners.length > 0) {
      images = images.filter((image) =>
        owners.includes(image.ownerId) || (image.ownerAlias !== undefined && owners.includes(image.ownerAlias)));
    }
    const matching = applyFilters(images, readFilters(input, 'Filter', 'Value'), {
      fields: {
        name: (image) => image.name,
        'image-id': (image) => image.id,
        'owner-id': (image) => image.ownerId,
        'owner-alias': (image) => image.ownerAlias,
        architecture: (image) => image.architecture,
        state: () => 'available',
        'image-type': () => 'machine',
        'is-public': () => 'true',
        'root-device-type': () => 'ebs',
        'virtualization-type': () => 'hvm',
        description: (image) => image.description,
      },
      tags: (image) => image.tags,
    });
    const page = paginate(matching, {maxResults: input.integer('MaxResults'), token: input.string('NextToken')});
    return {
      imagesSet: items(page.items.map((image) => ({
        imageId: image.id,
        imageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
        imageState: 'available',
        imageOwnerId: image.ownerId,
        imageOwnerAlias: image.ownerAlias,
        creationDate: image.creationDate,
        isPublic: true,
        architecture: image.architecture,
        imageType: 'machine',
        name: image.name,
        description: image.description,
        rootDeviceType: 'ebs',
        rootDeviceName: image.rootDeviceName,
        blockDeviceMapping: items([{
          deviceName: image.rootDeviceName,
          ebs: {
            snapshotId: image.snapshotId,
            volumeSize: image.volumeSize,
            deleteOnTermination: true,
            volumeType: 'gp3',
            encrypted: false,
          },
        }]),
        virtualizationType: 'hvm',
        hypervisor: 'xen',
        enaSupport: true,
        platformDetails: 'Linux/UNIX',
        tagSet: tagSetXml(image.tags),
      }))),
      nextToken: page.nextToken,
    };
  },
};
