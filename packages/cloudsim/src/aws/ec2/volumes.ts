import type {AwsState} from '../aws-state.js';
import type {QueryCall, QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {Volume} from './ec2-state.js';
import {requestedTags, tagSetXml} from './tags.js';
import {zonesOf} from './zones.js';

export interface VolumeSpec {
  readonly region: string;
  readonly availabilityZone: string;
  readonly size: number;
  readonly volumeType?: string;
  readonly iops?: number;
  readonly throughput?: number;
  readonly encrypted?: boolean;
  readonly kmsKeyId?: string;
  readonly snapshotId?: string;
  readonly tags?: ReadonlyMap<string, string>;
  readonly attachment?: Volume['attachment'];
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > 16_384) {
    throw new AwsError('InvalidParameterValue', `Volume of ${size}GiB is outside the allowed range of 1 to 16384 GiB.`);
  }
}

export function createVolume(aws: AwsState, spec: VolumeSpec): Volume {
  if (!zonesOf(spec.region).some((zone) => zone.name === spec.availabilityZone)) {
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${spec.availabilityZone}]`);
  }
  checkSize(spec.size);
  return aws.ec2.volumes.add({
    id: ec2Id('vol'),
    region: spec.region,
    tags: new Map(spec.tags),
    availabilityZone: spec.availabilityZone,
    size: spec.size,
    volumeType: spec.volumeType ?? 'gp2',
    iops: spec.iops ?? (spec.volumeType === 'gp3' ? 3000 : undefined),
    throughput: spec.throughput ?? (spec.volumeType === 'gp3' ? 125 : undefined),
    encrypted: spec.encrypted ?? false,
    kmsKeyId: spec.kmsKeyId,
    snapshotId: spec.snapshotId,
    createTime: new Date(aws.now()),
    attachment: spec.attachment,
  });
}

/**
 * Changes size, type and performance in place, as AWS does while the volume stays usable. The new values show
 * at once; a volume never shrinks.
 */
function modifyVolume({input, region, aws}: QueryCall): XmlFields {
  const volume = findVolume(aws, region, input.requireString('VolumeId'));
  const original = {size: volume.size, volumeType: volume.volumeType, iops: volume.iops, throughput: volume.throughput};
  const size = input.integer('Size') ?? volume.size;
  checkSize(size);
  if (size < volume.size) {
    throw new AwsError('InvalidParameterValue', `New size cannot be smaller than existing size: ${size} < ${volume.size}`);
  }
  const volumeType = input.string('VolumeType') ?? volume.volumeType;
  const typeChanged = volumeType !== volume.volumeType;
  Object.assign(volume, {
    size,
    volumeType,
    // Moving to gp3 gives gp3's baseline performance unless asked otherwise.
    iops: input.integer('Iops') ?? (typeChanged && volumeType === 'gp3' ? 3000 : volume.iops),
    throughput: input.integer('Throughput') ?? (typeChanged && volumeType === 'gp3' ? 125 : volume.throughput),
  });
  return {
    volumeModification: {
      volumeId: volume.id,
      modificationState: 'modifying',
      targetSize: volume.size,
      targetVolumeType: volume.volumeType,
      targetIops: volume.iops,
      targetThroughput: volume.throughput,
      originalSize: original.size,
      originalVolumeType: original.volumeType,
      originalIops: original.iops,
      originalThroughput: original.throughput,
      progress: 0,
      startTime: new Date(aws.now()),
    },
  };
}

function findVolume(aws: AwsState, region: string, id: string): Volume {
  const volume = aws.ec2.volumes.get(region, id);
  if (!volume) throw volumeNotFound(id);
  return volume;
}

function volumeNotFound(id: string): AwsError {
  return new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
}

function volumeState(volume: Volume): 'available' | 'in-use' {
  return volume.attachment ? 'in-use' : 'available';
}

function volumeXml(volume: Volume): XmlFields {
  const {attachment} = volume;
  return {
    volumeId: volume.id,
    size: volume.size,
    snapshotId: volume.snapshotId ?? '',
    availabilityZone: volume.availabilityZone,
    status: volumeState(volume),
    createTime: volume.createTime,
    attachmentSet: items(attachment ? [{
      volumeId: volume.id,
      instanceId: attachment.instanceId,
      device: attachment.device,
      status: 'attached',
      attachTime: attachment.attachTime,
      deleteOnTermination: attachment.deleteOnTermination,
    }] : []),
    volumeType: volume.volumeType,
    iops: volume.iops,
    throughput: volume.throughput,
    encrypted: volume.encrypted,
    kmsKeyId: volume.kmsKeyId,
    multiAttachEnabled: false,
    tagSet: tagSetXml(volume.tags),
  };
}

export const volumeHandlers: QueryHandlers = {
  CreateVolume(call) {
    const {input, region, aws} = call;
    const size = input.integer('Size');
    const snapshotId = input.string('SnapshotId');
    if (size === undefined && snapshotId === undefined) {
      throw new AwsError('MissingParameter', 'The request must contain the parameter size or snapshotId');
    }
    const volume = createVolume(aws, {
      region,
      availabilityZone: input.requireString('AvailabilityZone'),
      size: size ?? 8,
      volumeType: input.string('VolumeType'),
      iops: input.integer('Iops'),
      throughput: input.integer('Throughput'),
      encrypted: input.boolean('Encrypted'),
      kmsKeyId: input.string('KmsKeyId'),
      snapshotId,
      tags: requestedTags(call, 'volume'),
    });
    return volumeXml(volume);
  },

  DeleteVolume({input, region, aws}) {
    const volume = findVolume(aws, region, input.requireString('VolumeId'));
    if (volume.attachment) {
      throw new AwsError('VolumeInUse', `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`);
    }
    aws.ec2.volumes.delete(volume.id);
    return {return: true};
  },

  ModifyVolume: modifyVolume,

  DescribeVolumes(call) {
    const page = describeResources(call, {
      table: call.aws.ec2.volumes,
      idParam: 'VolumeId',
      notFound: volumeNotFound,
      fields: {
        'volume-id': (volume) => volume.id,
        status: volumeState,
        'availability-zone': (volume) => volume.availabilityZone,
        'volume-type': (volume) => volume.volumeType,
        size: (volume) => String(volume.size),
        encrypted: (volume) => String(volume.encrypted),
        'attachment.instance-id': (volume) => volume.attachment?.instanceId,
        'attachment.device': (volume) => volume.attachment?.device,
        'attachment.status': (volume) => (volume.attachment ? 'attached' : undefined),
      },
    });
    return {volumeSet: items(page.items.map(volumeXml)), nextToken: page.nextToken};
  },
};
