import type {QueryInput} from '../wire/query-input.js';
import {AwsError} from '../wire/aws-error.js';
import {paginate} from '../wire/paging.js';
import {members, type XmlFields, type XmlValue} from '../wire/xml-writer.js';

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export function checkName(kind: string, name: string): void {
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw new AwsError(
      'ValidationError',
      `The specified value for ${kind} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
    );
  }
}

export function readPath(input: QueryInput): string {
  const path = input.string('Path') ?? '/';
  if (!/^\/([\x21-\x7E]*\/)?$/.test(path)) {
    throw new AwsError(
      'ValidationError',
      `The specified value for path is invalid. It must begin and end with / and contain only printable ASCII characters.`,
    );
  }
  return path;
}

/** Policy documents must be JSON; IAM answers with them URL-encoded, which clients must decode. */
export function checkPolicyDocument(document: string): string {
  try {
    JSON.parse(document);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
  }
  return document;
}

export function readTags(input: QueryInput): Array<[string, string]> {
  return input.list('Tags.member').map((tag) => [tag.requireString('Key'), tag.string('Value') ?? '']);
}

export function tagsXml(tags: ReadonlyMap<string, string>): XmlFields {
  return members([...tags].map(([Key, Value]) => ({Key, Value})));
}

/** IAM's paging: `Marker` in, `IsTruncated` + `Marker` out, at most `MaxItems` (default 100). */
export function iamPage<T>(input: QueryInput, items: readonly T[], listName: string, render: (item: T) => XmlValue): XmlFields {
  const maxResults = input.integer('MaxItems') ?? 100;
  const page = paginate(items, {maxResults, token: input.string('Marker'), invalidTokenCode: 'InvalidInput'});
  return {[listName]: members(page.items.map(render)), IsTruncated: page.nextToken !== undefined, Marker: page.nextToken};
}
