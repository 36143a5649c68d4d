/**
 * Instance templates. Google never changes a template: every change is a replacement, a new template whose
 * name ends in a hash of its content, which the managed instance groups are then pointed at; the old one is
 * deleted once no group uses it. Several templates of one instance group (a crash between the two steps) are
 * all listed, the newest under the group's name and the others as extra copies, which the next plan deletes.
 *
 * The logical name is the group's (`nodes-us-central1-a-<cluster>`), recovered from the template's labels; the
 * name Google knows is in the `name` attribute. User-data is secret (join tokens, CA keys): the field is
 * sensitive, compared as text.
 */
import type {protos} from '@google-cloud/compute';
import type {ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {NAME_MAX, gceName, lastSegment, shortHash} from '../names.js';
import {INSTANCE_GROUP_LABEL} from '../ownership.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';
import {userDataItems, userDataOf} from './user-data-metadata.js';

type InstanceTemplate = protos.google.cloud.compute.v1.IInstanceTemplate;
type InstanceProperties = protos.google.cloud.compute.v1.IInstanceProperties;

const SSH_KEYS = 'ssh-keys';
const VERSION_HASH_LENGTH = 6;

export function instanceTemplateHandler(api: GceApi): ResourceHandler {
  const {project} = api;
  const client = () => api.clients.compute.instanceTemplates;

  return {
    kind: Kind.instanceTemplate,
    sensitive: ['userData'],
    equal: looseEqual,

    async list(ctx) {
      const [templates] = await client().list({project, ...ownedListRequest(ctx, {labelled: false})});
      const newestFirst = ownedOnly(ctx, templates).sort((a, b) => (b.creationTimestamp ?? '').localeCompare(a.creationTimestamp ?? ''));
      return newestFirst.flatMap((template) => {
        const group = template.properties?.labels?.[INSTANCE_GROUP_LABEL];
        if (!group) return [];
        return [
          observed({
            kind: Kind.instanceTemplate,
            name: gceName(group, ctx.clusterName),
            id: template.selfLink ?? '',
            properties: {description: template.description, ...propertiesOf(template.properties ?? {})},
            attributes: {name: template.name},
          }),
        ];
      });
    },

    async create(ctx, desired) {
      const name = versionedName(desired);
      const operation = await insertOwned(api, ctx, {
        what: `instance template ${name}`,
        insert: () => client().insert({project, instanceTemplateResource: templateOf(desired, name)}),
        existing: async () => (await client().get({project, instanceTemplate: name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, instanceTemplate: name}))[0].selfLink ?? '';
      return observed({kind: Kind.instanceTemplate, name: desired.name, id, properties: desired.properties, attributes: {name}});
    },

    async delete(ctx, current) {
      const name = current.attributes.name ?? lastSegment(current.id);
      await ignoreNotFound(() => completed(api, ctx, `delete instance template ${name}`, () => client().delete({project, instanceTemplate: name})));
    },
  };
}

/** `<logical name>-<hash of the content>`: each version its own name, the same content always the same one. */
function versionedName(desired: ResolvedResource): string {
  const hash = shortHash(JSON.stringify(desired.properties), VERSION_HASH_LENGTH);
  return `${desired.name.slice(0, NAME_MAX - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

function templateOf(desired: ResolvedResource, name: string): InstanceTemplate {
  const p = read(desired);
  const labels = p.record('labels');
  const email = p.optionalString('serviceAccountEmail');
  const sshKeys = p.optionalString('sshKeys');
  const description = p.string('description');
  return {
    name,
    description,
    properties: {
      // Instances are the cluster's too, and say so.
      description,
      machineType: p.string('machineType'),
      disks: [
        {
          boot: true,
          autoDelete: true,
          type: 'PERSISTENT',
          initializeParams: {sourceImage: p.string('sourceImage'), diskSizeGb: p.number('diskSizeGb'), diskType: p.string('diskType'), labels},
        },
      ],
      networkInterfaces: [
        {
          network: p.string('network'),
          subnetwork: p.string('subnetwork'),
          accessConfigs: p.boolean('externalIp') ? [{name: 'External NAT', type: 'ONE_TO_ONE_NAT'}] : [],
        },
      ],
      tags: {items: p.strings('tags')},
      labels,
      serviceAccounts: email ? [{email, scopes: p.strings('scopes')}] : [],
      metadata: {
        items: [...userDataItems(p.string('userData'), labels[INSTANCE_GROUP_LABEL] ?? desired.name), ...(sshKeys ? [{key: SSH_KEYS, value: sshKeys}] : [])],
      },
    },
  };
}

/** The template under the desired property names. */
function propertiesOf(properties: InstanceProperties): Record<string, unknown> {
  const boot = properties.disks?.find((disk) => disk.boot)?.initializeParams;
  const nic = properties.networkInterfaces?.[0];
  const account = properties.serviceAccounts?.[0];
  const items = properties.metadata?.items ?? [];
  return {
    machineType: properties.machineType ? lastSegment(properties.machineType) : undefined,
    sourceImage: boot?.sourceImage,
    diskSizeGb: boot?.diskSizeGb === undefined || boot.diskSizeGb === null ? undefined : Number(boot.diskSizeGb),
    diskType: boot?.diskType ? lastSegment(boot.diskType) : undefined,
    network: nic?.network,
    subnetwork: nic?.subnetwork,
    externalIp: (nic?.accessConfigs ?? []).length > 0,
    tags: properties.tags?.items ?? [],
    serviceAccountEmail: account?.email,
    scopes: account ? (account.scopes ?? []) : undefined,
    sshKeys: items.find((item) => item.key === SSH_KEYS)?.value,
    userData: userDataOf(items),
    labels: properties.labels ?? {},
  };
}
