/** Terraform bodies of instance templates, managed instance groups and etcd disks. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {USER_DATA_LIMIT_BYTES, refPlaceholder, userDataPath, userDataTemplate} from '../model/user-data.js';
import type {BodyRenderer} from './body-renderer.js';
import {address, interpolate, prop as p} from './terraform-refs.js';

export const computeBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.instanceTemplate]: (r) => {
    const email = p(r, 'serviceAccountEmail');
    return {
      // Templates never change: Terraform makes each version under a new name, before the old one goes.
      name_prefix: `${r.name.slice(0, 36)}-`,
      lifecycle: {create_before_destroy: true},
      description: p(r, 'description'),
      instance_description: p(r, 'description'),
      machine_type: p(r, 'machineType'),
      disk: [
        {boot: true, auto_delete: true, source_image: p(r, 'sourceImage'), disk_size_gb: p(r, 'diskSizeGb'), disk_type: p(r, 'diskType'), labels: p(r, 'labels')},
      ],
      network_interface: [
        {network: p(r, 'network'), subnetwork: p(r, 'subnetwork'), access_config: r.properties.externalIp === true ? [{}] : undefined},
      ],
      tags: p(r, 'tags'),
      labels: p(r, 'labels'),
      service_account: email === undefined ? undefined : {email, scopes: p(r, 'scopes')},
      metadata: {...userDataMetadata(r), ...(r.properties.sshKeys === undefined ? {} : {'ssh-keys': p(r, 'sshKeys')})},
    };
  },
  [Kind.instanceGroupManager]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    zone: p(r, 'zone'),
    base_instance_name: p(r, 'baseInstanceName'),
    target_size: p(r, 'targetSize'),
    version: [{instance_template: p(r, 'instanceTemplate')}],
    update_policy: {type: p(r, 'updatePolicyType'), minimal_action: 'REPLACE'},
  }),
  [Kind.disk]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    zone: p(r, 'zone'),
    size: p(r, 'sizeGb'),
    type: p(r, 'type'),
    labels: p(r, 'labels'),
  }),
};

/** Room for what a reference becomes (an IP address, a DNS name). */
const REFERENCE_ROOM_BYTES = 255;

/**
 * The template's user-data from its data file. Placeholders in the file are replaced by what they refer to (the
 * API load balancer's address); `file()` reads the text as it is, so a `${` inside it is never taken for
 * interpolation. Gzipped and base64-encoded when the text may exceed Google's limit for a metadata value, as
 * kopsx does itself.
 */
function userDataMetadata(r: DesiredResource): Record<string, string> {
  const {content, refs} = userDataTemplate(r.properties.userData ?? '');
  let text = `file("\${path.module}/${userDataPath(r.name)}")`;
  refs.forEach(({$ref}, index) => {
    text = `replace(${text}, "${refPlaceholder(index)}", ${address($ref.kind, $ref.name, $ref.attribute)})`;
  });
  const bytes = Buffer.byteLength(content) + refs.length * REFERENCE_ROOM_BYTES;
  if (bytes <= USER_DATA_LIMIT_BYTES) return {'user-data': interpolate(text)};
  return {'user-data': interpolate(`base64gzip(${text})`), 'user-data-encoding': 'base64'};
}
