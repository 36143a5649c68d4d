import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
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

export function createVolume(aws: AwsState, spec: VolumeSpec): Volume {
  if (!zonesOf(spec.region).some((zone) => zone.name === spec.availabilityZone)) {
    throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${spec.availabilityZone}]`);
  }
  if (!Number.isInteger(spec.size) || spec.size < 1 || spec.size > 16_384) {
    throw new AwsError(
      'InvalidParameterValue',
      `Volume of ${spec.size}GiB is outside the allowed range of 1 to 16384 GiB.`,
    );
  }
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
    const id = input.requireString('VolumeId');
    const volume = aws.ec2.volumes.get(region, id);
    if (!volume) throw volumeNotFound(id);
    if (volume.attachment) {
      throw new AwsError('VolumeInUse', `Volume ${volume.id} is currently attached to ${volume.attachment.instanceId}`);
    }
    aws.ec2.volumes.delete(volume.id);
    return {return: true};
  },

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
