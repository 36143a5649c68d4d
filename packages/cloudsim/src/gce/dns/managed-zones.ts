import {randomInt} from 'node:crypto';
import {GoogleApiError} from '../wire/google-error.js';
import {numericId, timestamp} from '../wire/ids.js';
import {isJson, str, stringMap, type Json} from '../json.js';
import {pageOf} from '../wire/paging.js';
import type {DnsCall} from './dns-call.js';
import {recordKey, type ManagedZone, type RecordSet} from './dns-state.js';

const ZONE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function zoneNotFound(name: string): GoogleApiError {
  return new GoogleApiError(404, 'notFound', `The 'parameters.managedZone' resource named '${name}' does not exist.`);
}

export function findZone(call: DnsCall): ManagedZone {
  const zone = call.state.dns.zone(call.project, call.zone ?? '');
  if (!zone) throw zoneNotFound(call.zone ?? '');
  return zone;
}

/** Creates a zone with Google's SOA and NS record sets and four name servers (one private one when private). */
export function createZone(call: DnsCall): Json {
  const {body} = call;
  const name = str(body.name);
  const dnsName = str(body.dnsName);
  if (name === undefined || !ZONE_NAME.test(name)) throw new GoogleApiError(400, 'invalid', `Invalid value for 'entity.managedZone.name': '${name ?? ''}'`);
  if (dnsName === undefined || !dnsName.endsWith('.') || dnsName.length < 2) {
    throw new GoogleApiError(400, 'invalid', `Invalid value for 'entity.managedZone.dnsName': '${dnsName ?? ''}'`);
  }
  if (typeof body.description !== 'string') throw new GoogleApiError(400, 'required', "Required value for 'entity.managedZone.description'");
  const visibility = body.visibility === 'private' ? 'private' : 'public';
  if (call.state.dns.zone(call.project, name)) {
    throw new GoogleApiError(409, 'alreadyExists', `The resource 'entity.managedZone' named '${name}' already exists`);
  }
  const letter = 'abcde'[randomInt(0, 5)] as string;
  const nameServers = visibility === 'private'
    ? ['ns-gcp-private.googledomains.com.']
    : [1, 2, 3, 4].map((index) => `ns-cloud-${letter}${index}.googledomains.com.`);
  const now = call.state.now();
  const soa: RecordSet = {name: dnsName, type: 'SOA', ttl: 21600, rrdatas: [`${nameServers[0] ?? ''} cloud-dns-hostmaster.google.com. 1 21600 3600 259200 300`]};
  const ns: RecordSet = {name: dnsName, type: 'NS', ttl: 21600, rrdatas: nameServers};
  const zone: ManagedZone = {
    project: call.project,
    name,
    dnsName,
    id: numericId(),
    creationTime: now,
    description: body.description,
    visibility,
    labels: stringMap(body.labels),
    nameServers,
    ...(isJson(body.privateVisibilityConfig) ? {privateVisibilityConfig: body.privateVisibilityConfig} : {}),
    records: new Map([[recordKey(dnsName, 'SOA'), soa], [recordKey(dnsName, 'NS'), ns]]),
    changes: [{id: '0', startTime: now, doneAt: now, additions: [soa, ns], deletions: []}],
  };
  call.state.dns.add(zone);
  return zoneJson(zone);
}

export function listZones(call: DnsCall): Json {
  const dnsName = call.query.get('dnsName');
  const zones = call.state.dns.list(call.project).filter((zone) => dnsName === null || zone.dnsName === dnsName);
  const page = pageOf(zones, (zone) => zone.name, call.query, {defaultSize: 1000, maxSize: 1000});
  return {kind: 'dns#managedZonesListResponse', managedZones: page.items.map(zoneJson), ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {})};
}

/** A zone can only be deleted once only its own SOA and NS record sets are left. */
export function deleteZone(call: DnsCall): Json {
  const zone = findZone(call);
  const userRecords = [...zone.records.values()].filter((record) => !(record.name === zone.dnsName && (record.type === 'SOA' || record.type === 'NS')));
  if (userRecords.length > 0) {
    throw new GoogleApiError(400, 'containerNotEmpty', `The resource named '${zone.name}' cannot be deleted because it is not empty`);
  }
  call.state.dns.remove(zone);
  return {};
}

export function zoneJson(zone: ManagedZone): Json {
  return {
    kind: 'dns#managedZone',
    name: zone.name,
    dnsName: zone.dnsName,
    description: zone.description,
    id: zone.id,
    nameServers: zone.nameServers,
    creationTime: timestamp(zone.creationTime),
    visibility: zone.visibility,
    ...(Object.keys(zone.labels).length > 0 ? {labels: zone.labels} : {}),
    ...(zone.privateVisibilityConfig ? {privateVisibilityConfig: zone.privateVisibilityConfig} : {}),
    cloudLoggingConfig: {kind: 'dns#managedZoneCloudLoggingConfig'},
  };
}
