import {AWS_ACCOUNT_ID} from '../account.js';
import type {AwsState} from '../aws-state.js';
import type {QueryHandlers} from '../query-service.js';
import {AwsError} from '../wire/aws-error.js';
import {ec2Id} from '../wire/ids.js';
import {paginate} from '../wire/paging.js';
import type {QueryInput} from '../wire/query-input.js';
import {items, type XmlFields} from '../wire/xml-writer.js';
import {describeResources} from './describe.js';
import type {LaunchTemplate, LaunchTemplateVersion} from './ec2-state.js';
import {
  launchTemplateDataXml,
  mergeLaunchTemplateData,
  readLaunchTemplateData,
  type LaunchTemplateData,
} from './launch-template-data.js';
import {requestedTags, tagSetXml} from './tags.js';

const CREATED_BY = `arn:aws:iam::${AWS_ACCOUNT_ID}:root`;

export interface LaunchTemplateSpec {
  readonly region: string;
  readonly name: string;
  readonly data: LaunchTemplateData;
  readonly description?: string;
  readonly tags?: ReadonlyMap<string, string>;
}

export function createLaunchTemplate(aws: AwsState, spec: LaunchTemplateSpec): LaunchTemplate {
  if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(spec.name)) {
    throw new AwsError(
      'InvalidLaunchTemplateName.MalformedException',
      `The launch template name '${spec.name}' is malformed.`,
    );
  }
  if (aws.ec2.launchTemplates.inRegion(spec.region).some((template) => template.name === spec.name)) {
    throw new AwsError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
  }
  const createTime = new Date(aws.now());
  return aws.ec2.launchTemplates.add({
    id: ec2Id('lt'),
    region: spec.region,
    tags: new Map(spec.tags),
    name: spec.name,
    createTime,
    defaultVersion: 1,
    versions: [{number: 1, description: spec.description, data: spec.data, createTime}],
  });
}

export interface TemplateRef {
  readonly id?: string;
  readonly name?: string;
}

/** A template by ID or by name, whichever the caller gave. */
export function findLaunchTemplate(aws: AwsState, region: string, ref: TemplateRef): LaunchTemplate {
  const templates = aws.ec2.launchTemplates.inRegion(region);
  if (ref.id !== undefined) {
    const template = templates.find((candidate) => candidate.id === ref.id);
    if (!template) throw launchTemplateIdNotFound(ref.id);
    return template;
  }
  if (ref.name !== undefined) {
    const template = templates.find((candidate) => candidate.name === ref.name);
    if (!template) {
      throw new AwsError(
        'InvalidLaunchTemplateName.NotFoundException',
        `The specified launch template, with template name ${ref.name}, does not exist.`,
      );
    }
    return template;
  }
  throw new AwsError(
    'MissingParameter',
    'The request must contain the parameter LaunchTemplateId or LaunchTemplateName',
  );
}

function launchTemplateIdNotFound(id: string): AwsError {
  return new AwsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
}

/** The number that `$Latest`, `$Default` (also the meaning of no version) or a number stands for. */
export function versionNumber(template: LaunchTemplate, version: string | undefined): number {
  if (version === '$Latest') return latestVersion(template);
  return version === undefined || version === '$Default' ? template.defaultVersion : Number(version);
}

/** The version `$Latest`, `$Default` or a number refers to; it must exist. */
export function resolveVersion(template: LaunchTemplate, version: string | undefined): LaunchTemplateVersion {
  const number = versionNumber(template, version);
  const found = template.versions.find((candidate) => candidate.number === number);
  if (!found) {
    throw new AwsError(
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find launch template version ${version} for launch template ID ${template.id}`,
    );
  }
  return found;
}

function latestVersion(template: LaunchTemplate): number {
  return Math.max(...template.versions.map((version) => version.number));
}

function templateRef(input: QueryInput): TemplateRef {
  return {id: input.string('LaunchTemplateId'), name: input.string('LaunchTemplateName')};
}

function launchTemplateXml(template: LaunchTemplate): XmlFields {
  return {
    launchTemplateId: template.id,
    launchTemplateName: template.name,
    createTime: template.createTime,
    createdBy: CREATED_BY,
    defaultVersionNumber: template.defaultVersion,
    latestVersionNumber: latestVersion(template),
    tagSet: tagSetXml(template.tags),
  };
}

function versionXml(template: LaunchTemplate, version: LaunchTemplateVersion): XmlFields {
  return {
    launchTemplateId: template.id,
    launchTemplateName: template.name,
    versionNumber: version.number,
    versionDescription: version.description,
    createTime: version.createTime,
    createdBy: CREATED_BY,
    defaultVersion: version.number === template.defaultVersion,
    launchTemplateData: launchTemplateDataXml(version.data),
  };
}

interface TemplateVersion {
  readonly template: LaunchTemplate;
  readonly version: LaunchTemplateVersion;
}

/** One template's versions: those asked for by number or alias, else those within MinVersion..MaxVersion. */
function versionsOf(template: LaunchTemplate, wanted: readonly string[], input: QueryInput): TemplateVersion[] {
  const min = input.integer('MinVersion') ?? 1;
  const max = input.integer('MaxVersion') ?? Number.MAX_SAFE_INTEGER;
  const versions = wanted.length > 0
    ? wanted.map((version) => resolveVersion(template, version))
    : template.versions.filter((version) => version.number >= min && version.number <= max);
  return versions.map((version) => ({template, version}));
}

/**
 * Without a template, AWS describes the `$Latest` and/or `$Default` version of every template in the region
 * (one call for many templates); version numbers mean nothing there.
 */
function acrossTemplates(templates: readonly LaunchTemplate[], wanted: readonly string[]): TemplateVersion[] {
  if (wanted.length === 0 || wanted.some((version) => version !== '$Latest' && version !== '$Default')) {
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter LaunchTemplateId or LaunchTemplateName, unless it asks for $Latest or $Default versions only',
    );
  }
  return templates.flatMap((template) => {
    const numbers = new Set(wanted.map((version) => versionNumber(template, version)));
    return template.versions.filter((version) => numbers.has(version.number)).map((version) => ({template, version}));
  });
}

export const launchTemplateHandlers: QueryHandlers = {
  CreateLaunchTemplate(call) {
    const template = createLaunchTemplate(call.aws, {
      region: call.region,
      name: call.input.requireString('LaunchTemplateName'),
      data: readLaunchTemplateData(call.input.node('LaunchTemplateData')),
      description: call.input.string('VersionDescription'),
      tags: requestedTags(call, 'launch-template'),
    });
    return {launchTemplate: launchTemplateXml(template)};
  },

  DeleteLaunchTemplate({input, region, aws}) {
    const template = findLaunchTemplate(aws, region, templateRef(input));
    aws.ec2.launchTemplates.delete(template.id);
    return {launchTemplate: launchTemplateXml(template)};
  },

  DescribeLaunchTemplates(call) {
    const names = call.input.strings('LaunchTemplateName');
    for (const name of names) findLaunchTemplate(call.aws, call.region, {name});
    const page = describeResources(call, {
      table: call.aws.ec2.launchTemplates,
      idParam: 'LaunchTemplateId',
      notFound: launchTemplateIdNotFound,
      visible: (template) => names.length === 0 || names.includes(template.name),
      fields: {
        'launch-template-name': (template) => template.name,
        'launch-template-id': (template) => template.id,
      },
    });
    return {launchTemplates: items(page.items.map(launchTemplateXml)), nextToken: page.nextToken};
  },

  CreateLaunchTemplateVersion({input, region, aws}) {
    const template = findLaunchTemplate(aws, region, templateRef(input));
    const changes = readLaunchTemplateData(input.node('LaunchTemplateData'));
    const source = input.string('SourceVersion');
    const data = source === undefined ? changes : mergeLaunchTemplateData(resolveVersion(template, source).data, changes);
    const version = {
      number: latestVersion(template) + 1,
      description: input.string('VersionDescription'),
      data,
      createTime: new Date(aws.now()),
    };
    template.versions.push(version);
    return {launchTemplateVersion: versionXml(template, version)};
  },

  ModifyLaunchTemplate({input, region, aws}) {
    const template = findLaunchTemplate(aws, region, templateRef(input));
    const wanted = input.string('SetDefaultVersion');
    if (wanted !== undefined) template.defaultVersion = resolveVersion(template, wanted).number;
    return {launchTemplate: launchTemplateXml(template)};
  },

  DescribeLaunchTemplateVersions({input, region, aws}) {
    const ref = templateRef(input);
    const wanted = input.strings('LaunchTemplateVersion');
    const entries = ref.id === undefined && ref.name === undefined
      ? acrossTemplates(aws.ec2.launchTemplates.inRegion(region), wanted)
      : versionsOf(findLaunchTemplate(aws, region, ref), wanted, input);
    const page = paginate(entries, {maxResults: input.integer('MaxResults'), token: input.string('NextToken')});
    const launchTemplateVersionSet = items(page.items.map(({template, version}) => versionXml(template, version)));
    return {launchTemplateVersionSet, nextToken: page.nextToken};
  },
};
