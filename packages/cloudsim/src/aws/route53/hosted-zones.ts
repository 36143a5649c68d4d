import {randomInt} from 'node:crypto';
import type {AwsState} from '../aws-state.js';
import {AwsError} from '../wire/aws-error.js';
import {randomUpperAlnum} from '../wire/ids.js';
import type {XmlNode} from '../wire/xml-reader.js';
import type {XmlFields} from '../wire/xml-writer.js';
import {displayDnsName, normalizeDnsName, reversedLabels} from './dns-names.js';
import type {Change, HostedZone} from './route53-state.js';

export interface HostedZoneSpec {
  readonly name: string;
  readonly callerReference: string;
  readonly comment?: string;
  /** A private zone is associated with a VPC. */
  readonly vpc?: {readonly vpcId: string; readonly vpcRegion: string};
}

function nameServers(): string[] {
  const number = () => randomInt(0, 2048);
  const domain = () => String(randomInt(0, 64)).padStart(2, '0');
  return [`ns-${number()}.awsdns-${domain()}.com`, `ns-${number()}.awsdns-${domain()}.net`,
    `ns-${number()}.awsdns-${domain()}.org`, `ns-${number()}.awsdns-${domain()}.co.uk`];
}

/** Creates a zone with the SOA and NS records Route53 puts in every new zone. */
export function createHostedZone(aws: AwsState, spec: HostedZoneSpec): HostedZone {
  const zones = [...aws.route53.zones.values()];
  if (zones.some((zone) => zone.callerReference === spec.callerReference)) {
    throw new AwsError(
      'HostedZoneAlreadyExists',
      'A hosted zone has already been created with the specified caller reference.', 409,
    );
  }
  const name = normalizeDnsName(spec.name);
  const servers = nameServers();
  const zone: HostedZone = {
    id: `Z${randomUpperAlnum(20)}`,
    name,
    callerReference: spec.callerReference,
    comment: spec.comment,
    privateZone: spec.vpc !== undefined,
    vpcs: spec.vpc ? [spec.vpc] : [],
    nameServers: servers,
    records: [
      {name, type: 'SOA', ttl: 900, values: [`${servers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`]},
      {name, type: 'NS', ttl: 172800, values: servers.map((server) => `${server}.`)},
    ],
  };
  aws.route53.zones.set(zone.id, zone);
  return zone;
}

export function findZone(aws: AwsState, id: string): HostedZone {
  const zone = aws.route53.zones.get(id.replace(/^\/hostedzone\//, ''));
  if (!zone) throw new AwsError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
  return zone;
}

export function recordChange(aws: AwsState, comment?: string): Change {
  const change = {id: `C${randomUpperAlnum(20)}`, submittedAt: new Date(aws.now()), comment};
  aws.route53.changes.set(change.id, change);
  return change;
}

/** A change as submitted answers PENDING; GetChange reports it INSYNC. */
export function changeInfoXml(change: Change, status: 'PENDING' | 'INSYNC'): XmlFields {
  return {Id: `/change/${change.id}`, Status: status, SubmittedAt: change.submittedAt, Comment: change.comment};
}

export function zoneXml(zone: HostedZone): XmlFields {
  return {
    Id: `/hostedzone/${zone.id}`,
    Name: displayDnsName(zone.name),
    CallerReference: zone.callerReference,
    Config: {Comment: zone.comment, PrivateZone: zone.privateZone},
    ResourceRecordSetCount: zone.records.length,
  };
}

function zoneDetailsXml(zone: HostedZone): XmlFields {
  return zone.privateZone
    ? {VPCs: {VPC: zone.vpcs.map((vpc) => ({VPCRegion: vpc.vpcRegion, VPCId: vpc.vpcId}))}}
    : {DelegationSet: {NameServers: {NameServer: [...zone.nameServers]}}};
}

/** Only the SOA and NS records of the apex may remain when a zone is deleted. */
export function isRequiredRecord(zone: HostedZone, record: {readonly name: string; readonly type: string}): boolean {
  return record.name === zone.name && (record.type === 'SOA' || record.type === 'NS');
}

export interface Route53Call {
  readonly aws: AwsState;
  readonly query: URLSearchParams;
  readonly body?: XmlNode;
  /** The ID in the path: of the hosted zone, or of the change for GetChange. */
  readonly id: string;
}

/** What a Route53 operation answers: the elements of its `<XResponse>`, and a status other than 200. */
export interface Route53Reply {
  readonly fields: XmlFields;
  readonly status?: number;
  readonly headers?: Record<string, string>;
}

export const hostedZoneRoutes: Readonly<Record<string, (call: Route53Call) => Route53Reply>> = {
  CreateHostedZone({aws, body}: Route53Call): Route53Reply {
    const name = body?.value('Name');
    const callerReference = body?.value('CallerReference');
    if (!name || !callerReference) throw new AwsError('InvalidInput', 'Name and CallerReference are required.');
    const vpcNode = body?.child('VPC');
    const vpc = vpcNode ? {vpcId: vpcNode.value('VPCId') ?? '', vpcRegion: vpcNode.value('VPCRegion') ?? 'us-east-1'} : undefined;
    if (vpc && !aws.ec2.vpcs.get(vpc.vpcRegion, vpc.vpcId)) {
      throw new AwsError('InvalidVPCId', `The VPC ${vpc.vpcId} does not exist in ${vpc.vpcRegion}.`);
    }
    if (body?.child('HostedZoneConfig')?.value('PrivateZone') === 'true' && !vpc) {
      throw new AwsError('InvalidInput', 'A private hosted zone requires a VPC.');
    }
    const zone = createHostedZone(aws, {name, callerReference, comment: body?.child('HostedZoneConfig')?.value('Comment'), vpc});
    return {
      status: 201,
      headers: {location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.id}`},
      fields: {HostedZone: zoneXml(zone), ChangeInfo: changeInfoXml(recordChange(aws), 'PENDING'), ...zoneDetailsXml(zone)},
    };
  },

  GetHostedZone({aws, id}: Route53Call): Route53Reply {
    const zone = findZone(aws, id);
    return {fields: {HostedZone: zoneXml(zone), ...zoneDetailsXml(zone)}};
  },

  DeleteHostedZone({aws, id}: Route53Call): Route53Reply {
    const zone = findZone(aws, id);
    if (zone.records.some((record) => !isRequiredRecord(zone, record))) {
      throw new AwsError(
        'HostedZoneNotEmpty',
        'The specified hosted zone contains non-required resource record sets and so cannot be deleted.',
      );
    }
    aws.route53.zones.delete(zone.id);
    return {fields: {ChangeInfo: changeInfoXml(recordChange(aws), 'PENDING')}};
  },

  ListHostedZones({aws, query}: Route53Call): Route53Reply {
    const maxItems = Number(query.get('maxitems') ?? 100);
    const zones = [...aws.route53.zones.values()];
    const marker = query.get('marker');
    const start = marker === null ? 0 : zones.findIndex((zone) => zone.id === marker);
    if (start < 0) throw new AwsError('InvalidInput', `The marker ${marker} is not a hosted zone ID.`);
    const page = zones.slice(start, start + maxItems);
    const next = zones[start + maxItems];
    return {fields: {
      HostedZones: {HostedZone: page.map(zoneXml)},
      Marker: marker ?? undefined,
      IsTruncated: next !== undefined,
      NextMarker: next?.id,
      MaxItems: maxItems,
    }};
  },

  ListHostedZonesByName({aws, query}: Route53Call): Route53Reply {
    const maxItems = Number(query.get('maxitems') ?? 100);
    const dnsName = query.get('dnsname');
    const sorted = [...aws.route53.zones.values()].sort((a, b) =>
      reversedLabels(a.name).localeCompare(reversedLabels(b.name)) || a.id.localeCompare(b.id));
    const from = dnsName === null ? undefined : reversedLabels(normalizeDnsName(dnsName));
    const zones = from === undefined ? sorted : sorted.filter((zone) => reversedLabels(zone.name) >= from);
    const next = zones[maxItems];
    return {fields: {
      HostedZones: {HostedZone: zones.slice(0, maxItems).map(zoneXml)},
      DNSName: dnsName ?? undefined,
      HostedZoneId: query.get('hostedzoneid') ?? undefined,
      IsTruncated: next !== undefined,
      NextDNSName: next && displayDnsName(next.name),
      NextHostedZoneId: next?.id,
      MaxItems: maxItems,
    }};
  },

  GetChange({aws, id}: Route53Call): Route53Reply {
    const change = aws.route53.changes.get(id.replace(/^\/change\//, ''));
    if (!change) throw new AwsError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`, 404);
    return {fields: {ChangeInfo: changeInfoXml(change, 'INSYNC')}};
  },
};
