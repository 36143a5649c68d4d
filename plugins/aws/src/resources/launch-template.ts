/**
 * Launch templates. A change writes a new template version (autoscaling groups launch `$Latest`); instances
 * already running keep theirs until a rolling update replaces them.
 *
 * The template is tagged with the image reference it was built from, which is what a diff compares: the
 * reference is looked up only when a version is written, so a newer image matching a pattern changes nothing
 * by itself.
 */
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import type {LaunchTemplate, RequestLaunchTemplateData, ResponseLaunchTemplateData} from '@aws-sdk/client-ec2';
import type {HandlerContext, ObservedResource, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {IMAGE_TAG, ownershipOf} from '../tags.js';
import type {AwsApi} from './aws-api.js';
import {clusterFilter, setTags, tagSpecifications} from './ec2-tags.js';
import {lookupImage} from './image-lookup.js';
import type {ResolvedImage} from './image-lookup.js';
import {changed, ignoreNotFound, looseEqual, observed, visibleTags} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

export function launchTemplateHandler({clients: {ec2}, reads}: AwsApi): ResourceHandler {
  async function latestData(ctx: HandlerContext, template: LaunchTemplate): Promise<{data: ResponseLaunchTemplateData; version: number}> {
    const out = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({LaunchTemplateId: template.LaunchTemplateId, Versions: ['$Latest']}),
      {abortSignal: ctx.signal},
    );
    const version = out.LaunchTemplateVersions?.[0];
    return {data: version?.LaunchTemplateData ?? {}, version: version?.VersionNumber ?? 0};
  }

  /** The image of the version being written: looked up again only when the reference changed. */
  async function imageFor(ctx: HandlerContext, desired: ResolvedResource, current?: ObservedResource): Promise<ResolvedImage> {
    const reference = read(desired).string('image');
    const {imageId, rootDeviceName} = current?.attributes ?? {};
    if (current?.properties.image === reference && imageId && rootDeviceName) return {imageId, rootDeviceName};
    return lookupImage(ec2, ctx, reference);
  }

  return {
    kind: Kind.launchTemplate,
    equal: looseEqual,

    async list(ctx) {
      const templates = await allPages(async (NextToken) => {
        const out = await ec2.send(new DescribeLaunchTemplatesCommand({Filters: clusterFilter(ctx.clusterName), NextToken}), {
          abortSignal: ctx.signal,
        });
        return {items: out.LaunchTemplates, next: out.NextToken};
      });
      const owned = templates.filter((t) => t.LaunchTemplateId && ownershipOf(visibleTags(t.Tags), ctx.clusterName, Kind.launchTemplate) === 'owned');
      return Promise.all(
        owned.map(async (template) => {
          const tags = visibleTags(template.Tags);
          const {data, version} = await latestData(ctx, template);
          const id = template.LaunchTemplateId ?? '';
          return observed({
            kind: Kind.launchTemplate,
            name: tags.Name ?? template.LaunchTemplateName ?? id,
            id,
            properties: {...propertiesOf(data), image: tags[IMAGE_TAG], tags},
            attributes: attributesOf(data, version),
          });
        }),
      );
    },

    async create(ctx, desired) {
      reads.invalidate();
      const image = await imageFor(ctx, desired);
      const tags = {...read(desired).record('tags'), [IMAGE_TAG]: read(desired).string('image')};
      const data = templateData(desired, image);
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
          new CreateLaunchTemplateVersionCommand({LaunchTemplateId: current.id, LaunchTemplateData: templateData(desired, image)}),
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

function templateData(desired: ResolvedResource, image: ResolvedImage): RequestLaunchTemplateData {
  const p = read(desired);
  return {
    ImageId: image.imageId,
    InstanceType: p.string('instanceType') as RequestLaunchTemplateData['InstanceType'],
    KeyName: p.optionalString('keyName'),
    IamInstanceProfile: {Arn: p.string('iamInstanceProfileArn')},
    UserData: p.string('userData'),
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
    userData: data.UserData,
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
