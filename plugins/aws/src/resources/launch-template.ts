/**
 * Launch templates. A change writes a new template version (autoscaling groups launch `$Latest`); instances
 * already running keep theirs until a rolling update replaces them.
 *
 * The template is tagged with the image reference it was built from, which is what a diff compares: the
 * reference is looked up only when a version is written, so a newer image matching a pattern changes nothing
 * by itself. User-data is secret (join tokens, CA keys): the field is sensitive, compared as text.
 */
import {CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DeleteLaunchTemplateCommand} from '@aws-sdk/client-ec2';
import type {RequestLaunchTemplateData, ResponseLaunchTemplateData} from '@aws-sdk/client-ec2';
import type {HandlerContext, ObservedResource, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {unscopedName} from '../names.js';
import {IMAGE_TAG, ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {setTags, tagSpecifications} from './ec2-tags.js';
import {lookupImage} from './image-lookup.js';
import type {ResolvedImage} from './image-lookup.js';
import {clusterLaunchTemplates} from './launch-template-reads.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {read} from './read-properties.js';
import {decodeUserData, encodeUserData} from './user-data-encoding.js';

export function launchTemplateHandler(api: AwsApi): ResourceHandler {
  const {
    clients: {ec2},
    reads,
  } = api;

  /** The image of the version being written: looked up again only when the reference changed. */
  async function imageFor(ctx: HandlerContext, desired: ResolvedResource, current?: ObservedResource): Promise<ResolvedImage> {
    const reference = read(desired).string('image');
    const {imageId, rootDeviceName} = current?.attributes ?? {};
    if (current?.properties.image === reference && imageId && rootDeviceName) return {imageId, rootDeviceName};
    return lookupImage(ec2, ctx, reference);
  }

  return {
    kind: Kind.launchTemplate,
    sensitive: ['userData'],
    equal: looseEqual,

    async list(ctx) {
      const templates = await clusterLaunchTemplates(api, ctx);
      return templates.flatMap(({template, latest}) => {
        const tags = visibleTags(template.Tags);
        const id = template.LaunchTemplateId;
        if (!id || ownershipOf(tags, ctx.clusterName, Kind.launchTemplate) !== 'owned') return [];
        const data = latest?.LaunchTemplateData ?? {};
        return [
          observed({
            kind: Kind.launchTemplate,
            name: tags.Name ?? template.LaunchTemplateName ?? id,
            id,
            properties: {...propertiesOf(data), image: tags[IMAGE_TAG], tags},
            attributes: attributesOf(data, latest?.VersionNumber ?? 0),
          }),
        ];
      });
    },

    async create(ctx, desired) {
      reads.invalidate();
      const image = await imageFor(ctx, desired);
      const tags = {...read(desired).record('tags'), [IMAGE_TAG]: read(desired).string('image')};
      const data = templateData(ctx, desired, image);
      const out = await ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: desired.name,
          LaunchTemplateData: data,
          TagSpecifications: tagSpecifications('launch-template', tags),
        }),
        {abortSignal: ctx.signal},
      );
      const id = out.LaunchTemplate?.LaunchTemplateId;
      if (!id) throw new Error(`CreateLaunchTemplate for ${desired.name} returned no ID`);
      const attributes = {latestVersion: '1', ...image};
      return observed({kind: Kind.launchTemplate, name: desired.name, id, properties: {...desired.properties}, attributes});
    },

    async update(ctx, current, desired, changes) {
      reads.invalidate();
      const p = read(desired);
      let attributes = current.attributes;
      if (changes.some(({field}) => field !== 'tags')) {
        const image = await imageFor(ctx, desired, current);
        const out = await ec2.send(
          new CreateLaunchTemplateVersionCommand({LaunchTemplateId: current.id, LaunchTemplateData: templateData(ctx, desired, image)}),
          {abortSignal: ctx.signal},
        );
        attributes = {...attributes, ...image, latestVersion: String(out.LaunchTemplateVersion?.VersionNumber ?? '')};
      }
      // The image tag follows the new version: a crash in between shows the old reference, and the next run writes again.
      const before = {...(current.properties.tags as Record<string, string>), [IMAGE_TAG]: String(current.properties.image)};
      await setTags(ec2, ctx, current.id, before, {...p.record('tags'), [IMAGE_TAG]: p.string('image')});
      return changed(current, {properties: desired.properties, attributes});
    },

    async delete(ctx, current) {
      reads.invalidate();
      await ignoreNotFound(() => ec2.send(new DeleteLaunchTemplateCommand({LaunchTemplateId: current.id}), {abortSignal: ctx.signal}));
    },
  };
}

function templateData(ctx: HandlerContext, desired: ResolvedResource, image: ResolvedImage): RequestLaunchTemplateData {
  const p = read(desired);
  // The template is named `<instance group>.<cluster>`: errors about its user-data name the group.
  const instanceGroup = unscopedName(desired.name, ctx.clusterName);
  return {
    ImageId: image.imageId,
    InstanceType: p.string('instanceType') as RequestLaunchTemplateData['InstanceType'],
    KeyName: p.optionalString('keyName'),
    IamInstanceProfile: {Arn: p.string('iamInstanceProfileArn')},
    UserData: encodeUserData(p.string('userData'), instanceGroup),
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        AssociatePublicIpAddress: p.boolean('associatePublicIpAddress'),
        Groups: p.strings('securityGroupIds'),
        DeleteOnTermination: true,
      },
    ],
    BlockDeviceMappings: [
      {
        DeviceName: image.rootDeviceName,
        Ebs: {
          VolumeSize: p.number('rootVolumeSize'),
          VolumeType: p.string('rootVolumeType') as 'gp3',
          Encrypted: p.boolean('rootVolumeEncrypted'),
          DeleteOnTermination: true,
        },
      },
    ],
    MetadataOptions: {
      HttpEndpoint: 'enabled',
      HttpTokens: p.string('httpTokens') as 'required',
      HttpPutResponseHopLimit: p.number('httpPutResponseHopLimit'),
    },
  };
}

/** The template version's settings under the desired property names. */
function propertiesOf(data: ResponseLaunchTemplateData): Record<string, unknown> {
  const networkInterface = data.NetworkInterfaces?.[0];
  const root = data.BlockDeviceMappings?.[0]?.Ebs;
  return {
    instanceType: data.InstanceType,
    keyName: data.KeyName,
    iamInstanceProfileArn: data.IamInstanceProfile?.Arn,
    userData: decodeUserData(data.UserData),
    associatePublicIpAddress: networkInterface?.AssociatePublicIpAddress,
    securityGroupIds: networkInterface?.Groups ?? data.SecurityGroupIds,
    rootVolumeSize: root?.VolumeSize,
    rootVolumeType: root?.VolumeType,
    rootVolumeEncrypted: root?.Encrypted,
    httpTokens: data.MetadataOptions?.HttpTokens,
    httpPutResponseHopLimit: data.MetadataOptions?.HttpPutResponseHopLimit,
  };
}

function attributesOf(data: ResponseLaunchTemplateData, version: number): Record<string, string | undefined> {
  return {latestVersion: String(version), imageId: data.ImageId, rootDeviceName: data.BlockDeviceMappings?.[0]?.DeviceName};
}
