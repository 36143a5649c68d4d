import {AwsError} from '../wire/aws-error.js';
import type {XmlNode} from '../wire/xml-reader.js';
import type {XmlFields} from '../wire/xml-writer.js';
import {displayDnsName, isWithinZone, normalizeAliasTarget, normalizeDnsName, reversedLabels} from './dns-names.js';
import {changeInfoXml, findZone, isRequiredRecord, recordChange, type Route53Call, type Route53Reply} from './hosted-zones.js';
import type {HostedZone, RecordSet} from './route53-state.js';

interface RecordChange {
  readonly action: string;
  readonly record: RecordSet;
}

function readRecordSet(node: XmlNode | undefined): RecordSet {
  const name = node?.value('Name');
  const type = node?.value('Type');
  if (!node || !name || !type) throw new AwsError('InvalidInput', 'Each change needs a ResourceRecordSet with a Name and a Type.');
  const alias = node.child('AliasTarget');
  const ttl = node.value('TTL');
  const values = node.child('ResourceRecords')?.all('ResourceRecord').map((record) => record.value('Value') ?? '') ?? [];
  if (alias ? ttl !== undefined || values.length > 0 : ttl === undefined || values.length === 0) {
    throw new AwsError(
      'InvalidInput',
      'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]], but found none or both.',
    );
  }
  const weight = node.value('Weight');
  return {
    name: normalizeDnsName(name),
    type,
    ttl: ttl === undefined ? undefined : Number(ttl),
    values,
    aliasTarget: alias && {
      hostedZoneId: alias.value('HostedZoneId') ?? '',
      dnsName: normalizeAliasTarget(alias.value('DNSName') ?? ''),
      evaluateTargetHealth: alias.value('EvaluateTargetHealth') === 'true',
    },
    setIdentifier: node.value('SetIdentifier'),
    weight: weight === undefined ? undefined : Number(weight),
  };
}

function sameKey(a: RecordSet, b: RecordSet): boolean {
  return a.name === b.name && a.type === b.type && a.setIdentifier === b.setIdentifier;
}

function sameContent(a: RecordSet, b: RecordSet): boolean {
  return a.ttl === b.ttl && a.values.join('\n') === b.values.join('\n') &&
    a.aliasTarget?.dnsName === b.aliasTarget?.dnsName && a.aliasTarget?.hostedZoneId === b.aliasTarget?.hostedZoneId;
}

function describe(record: RecordSet): string {
  return `[name='${record.name}', type='${record.type}'${record.setIdentifier ? `, set-identifier='${record.setIdentifier}'` : ''}]`;
}

/** Applies one change to `records`, returning the problem as Route53 words it, if any. */
function applyChange(zone: HostedZone, records: RecordSet[], {action, record}: RecordChange): string | undefined {
  if (!isWithinZone(record.name, zone.name)) return `RRSet with DNS name ${record.name} is not permitted in zone ${zone.name}`;
  const index = records.findIndex((existing) => sameKey(existing, record));
  const existing = records[index];
  const clashesWithCname = records.some((other) => other.name === record.name && !sameKey(other, record) &&
    (other.type === 'CNAME' || record.type === 'CNAME'));
  const cnameClash = `RRSet of type CNAME with DNS name ${record.name} is not permitted as it conflicts with ` +
    `other records with the same DNS name in zone ${zone.name}`;
  switch (action) {
    case 'CREATE':
      if (existing) return `Tried to create resource record set ${describe(record)} but it already exists`;
      if (clashesWithCname) return cnameClash;
      records.push(record);
      return undefined;
    case 'UPSERT':
      if (clashesWithCname) return cnameClash;
      if (existing) records[index] = record;
      else records.push(record);
      return undefined;
    case 'DELETE':
      if (!existing) return `Tried to delete resource record set ${describe(record)} but it was not found`;
      if (!sameContent(existing, record)) {
        return `Tried to delete resource record set ${describe(record)} but the values provided do not match the current values`;
      }
      if (isRequiredRecord(zone, record)) return `A HostedZone must contain at least one NS record for the zone itself.`;
      records.splice(index, 1);
      return undefined;
    default:
      return `Invalid action ${action}: must be CREATE, DELETE or UPSERT`;
  }
}

function recordSetXml(record: RecordSet): XmlFields {
  return {
    Name: displayDnsName(record.name),
    Type: record.type,
    SetIdentifier: record.setIdentifier,
    Weight: record.weight,
    TTL: record.ttl,
    ResourceRecords: record.aliasTarget ? undefined : {ResourceRecord: record.values.map((Value) => ({Value}))},
    AliasTarget: record.aliasTarget && {
      HostedZoneId: record.aliasTarget.hostedZoneId,
      DNSName: displayDnsName(record.aliasTarget.dnsName),
      EvaluateTargetHealth: record.aliasTarget.evaluateTargetHealth,
    },
  };
}

function compareRecords(a: RecordSet, b: RecordSet): number {
  return reversedLabels(a.name).localeCompare(reversedLabels(b.name)) || a.type.localeCompare(b.type) ||
    (a.setIdentifier ?? '').localeCompare(b.setIdentifier ?? '');
}

export const recordSetRoutes: Readonly<Record<string, (call: Route53Call) => Route53Reply>> = {
  /** All changes of a batch apply together or not at all; every problem is reported. */
  ChangeResourceRecordSets({aws, body, id}: Route53Call): Route53Reply {
    const zone = findZone(aws, id);
    const batch = body?.child('ChangeBatch');
    const changes = batch?.child('Changes')?.all('Change').map((change) => ({
      action: change.value('Action') ?? '',
      record: readRecordSet(change.child('ResourceRecordSet')),
    })) ?? [];
    if (changes.length === 0) throw new AwsError('InvalidInput', 'A ChangeBatch needs at least one Change.');
    const records = [...zone.records];
    const problems = changes.flatMap((change) => applyChange(zone, records, change) ?? []);
    if (problems.length > 0) throw new AwsError('InvalidChangeBatch', `[${problems.join(', ')}]`);
    zone.records = records;
    return {fields: {ChangeInfo: changeInfoXml(recordChange(aws, batch?.value('Comment')), 'PENDING')}};
  },

  ListResourceRecordSets({aws, query, id}: Route53Call): Route53Reply {
    const zone = findZone(aws, id);
    const maxItems = Number(query.get('maxitems') ?? 300);
    const startName = query.get('name');
    const startType = query.get('type');
    const sorted = [...zone.records].sort(compareRecords);
    const start = startName === null ? 0 : sorted.findIndex((record) =>
      compareRecords(record, {name: normalizeDnsName(startName), type: startType ?? '', values: []}) >= 0);
    const from = start < 0 ? sorted.length : start;
    const next = sorted[from + maxItems];
    return {fields: {
      ResourceRecordSets: {ResourceRecordSet: sorted.slice(from, from + maxItems).map(recordSetXml)},
      IsTruncated: next !== undefined,
      NextRecordName: next && displayDnsName(next.name),
      NextRecordType: next?.type,
      NextRecordIdentifier: next?.setIdentifier,
      MaxItems: maxItems,
    }};
  },
};
