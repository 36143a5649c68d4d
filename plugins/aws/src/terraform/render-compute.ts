/** Terraform bodies of images (an `aws_ami` data source), launch templates, autoscaling groups and etcd volumes. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {USER_DATA_LIMIT_BYTES, refPlaceholder, userDataPath, userDataTemplate} from '../model/user-data.js';
import {parseImageReference} from '../image-reference.js';
import {KIND_TAG} from '../tags.js';
import type {BodyRenderer} from './body-renderer.js';
import {address, interpolate, prop as p} from './terraform-refs.js';

export const computeBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.image]: (r) => {
    const image = parseImageReference(r.id ?? r.name);
    if ('imageId' in image) return {filter: [{name: 'image-id', values: [image.imageId]}]};
    return {most_recent: true, owners: [image.owner], filter: [{name: 'name', values: [image.namePattern]}]};
  },
  [Kind.launchTemplate]: (r) => {
    const image = String(r.properties.image);
    return {
      name: r.name,
      image_id: interpolate(address(Kind.image, image, 'id')),
      instance_type: p(r, 'instanceType'),
      key_name: p(r, 'keyName'),
      iam_instance_profile: {arn: p(r, 'iamInstanceProfileArn')},
      network_interfaces: {
        device_index: 0,
        associate_public_ip_address: p(r, 'associatePublicIpAddress'),
        security_groups: p(r, 'securityGroupIds'),
        delete_on_termination: true,
      },
      block_device_mappings: {
        device_name: interpolate(address(Kind.image, image, 'rootDeviceName')),
        ebs: {
          volume_size: p(r, 'rootVolumeSize'),
          volume_type: p(r, 'rootVolumeType'),
          encrypted: p(r, 'rootVolumeEncrypted'),
          delete_on_termination: true,
        },
      },
      metadata_options: {
        http_endpoint: 'enabled',
        http_tokens: p(r, 'httpTokens'),
        http_put_response_hop_limit: p(r, 'httpPutResponseHopLimit'),
      },
      user_data: userDataExpression(r),
      tags: p(r, 'tags'),
    };
  },
  [Kind.autoscalingGroup]: (r) => ({
    name: r.name,
    min_size: p(r, 'minSize'),
    max_size: p(r, 'maxSize'),
    vpc_zone_identifier: p(r, 'subnetIds'),
    target_group_arns: p(r, 'targetGroupArns'),
    launch_template: {id: p(r, 'launchTemplateId'), version: p(r, 'launchTemplateVersion')},
    tag: asgTags(r),
  }),
  [Kind.ebsVolume]: (r) => ({
    availability_zone: p(r, 'availabilityZone'),
    size: p(r, 'size'),
    type: p(r, 'volumeType'),
    encrypted: p(r, 'encrypted'),
    tags: p(r, 'tags'),
  }),
};

/** Every tag but kopsx' own marker is copied to the group's instances. */
function asgTags(r: DesiredResource): {key: string; value: string; propagate_at_launch: boolean}[] {
  const tags = (r.properties.tags ?? {}) as Record<string, string>;
  return Object.entries(tags).map(([key, value]) => ({key, value, propagate_at_launch: key !== KIND_TAG}));
}

/** Room for what a reference becomes (a load balancer's DNS name is well under a DNS name's 255 bytes). */
const REFERENCE_ROOM_BYTES = 255;

/**
 * The launch template's user-data from its data file, base64 as EC2 wants it. Placeholders in the file are
 * replaced by what they refer to (e.g. the API load balancer's DNS name); `file()` reads the text as it is,
 * so a `${` inside it is never taken for interpolation. gzipped when the text may exceed EC2's limit, as kopsx
 * does itself (cloud-init unpacks it).
 */
function userDataExpression(r: DesiredResource): string {
  const {content, refs} = userDataTemplate(r.properties.userData ?? '');
  let text = `file("\${path.module}/${userDataPath(r.name)}")`;
  refs.forEach(({$ref}, index) => {
    text = `replace(${text}, "${refPlaceholder(index)}", ${address($ref.kind, $ref.name, $ref.attribute)})`;
  });
  const bytes = Buffer.byteLength(content) + refs.length * REFERENCE_ROOM_BYTES;
  return interpolate(bytes > USER_DATA_LIMIT_BYTES ? `base64gzip(${text})` : `base64encode(${text})`);
}
