import {GoogleApiError} from '../wire/google-error.js';
import {timestamp} from '../wire/ids.js';
import {records, str, strings, type Json} from '../json.js';
import {pageOf} from '../wire/paging.js';
import type {DnsCall} from './dns-call.js';
import {recordKey, type RecordChange, type RecordSet} from './dns-state.js';
import {findZone} from './managed-zones.js';

const TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SPF', 'SRV', 'TXT'];

/**
 * `changes.create`: deletions, then additions, applied all or nothing. A deletion must match the record
 * set exactly (404 notFound when absent, 412 conditionNotMet when ttl or data differ); an addition must
 * not exist yet (409 alreadyExists).
 */
export function createChange(call: DnsCall): Json {
  const zone = findZone(call);
  const deletions = records(call.body.deletions).map((record, index) => recordSet(record, `entity.change.deletions[${index}]`, zone.dnsName));
  const additions = records(call.body.additions).map((record, index) => recordSet(record, `entity.change.additions[${index}]`, zone.dnsName));
  if (deletions.length + additions.length === 0) throw new GoogleApiError(400, 'required', "The 'entity.change' resource must contain additions or deletions.");
  const next = new Map(zone.records);
  for (const [index, deletion] of deletions.entries()) {
    const key = recordKey(deletion.name, deletion.type);
    const current = next.get(key);
    const field = `entity.change.deletions[${index}]`;
    if (!current) throw new GoogleApiError(404, 'notFound', `The '${field}' resource named '${deletion.name} (${deletion.type})' does not exist.`);
    if (current.ttl !== deletion.ttl || !sameData(current.rrdatas, deletion.rrdatas)) {
      throw new GoogleApiError(412, 'conditionNotMet', `Precondition not met for '${field}'`);
    }
    next.delete(key);
  }
  for (const [index, addition] of additions.entries()) {
    const key = recordKey(addition.name, addition.type);
    if (next.has(key)) {
      throw new GoogleApiError(409, 'alreadyExists', `The resource 'entity.change.additions[${index}]' named '${addition.name} (${addition.type})' already exists`);
    }
    next.set(key, addition);
  }
  zone.records.clear();
  for (const [key, record] of next) zone.records.set(key, record);
  const now = call.state.now();
  const change: RecordChange = {id: String(zone.changes.length), startTime: now, doneAt: now + call.state.operationDelayMs, additions, deletions};
  zone.changes.push(change);
  return changeJson(change, now);
}

export function getChange(call: DnsCall): Json {
  const zone = findZone(call);
  const change = zone.changes.find((candidate) => candidate.id === call.change);
  if (!change) throw new GoogleApiError(404, 'notFound', `The 'parameters.changeId' resource named '${call.change ?? ''}' does not exist.`);
  return changeJson(change, call.state.now());
}

export function listChanges(call: DnsCall): Json {
  const zone = findZone(call);
  const page = pageOf(zone.changes, (change) => change.id.padStart(12, '0'), call.query, {defaultSize: 1000, maxSize: 1000});
  const now = call.state.now();
  return {kind: 'dns#changesListResponse', changes: page.items.map((change) => changeJson(change, now)), ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {})};
}

/** `rrsets` list, optionally for one `name` (and `type`), sorted by name then type. */
export function listRecordSets(call: DnsCall): Json {
  const zone = findZone(call);
  const name = call.query.get('name');
  const type = call.query.get('type');
  if (type !== null && name === null) throw new GoogleApiError(400, 'invalid', "Invalid value for 'parameters.type': a type filter requires a name filter");
  const sets = [...zone.records.values()]
    .filter((record) => (name === null || record.name === name) && (type === null || record.type === type))
    .sort((a, b) => (recordKey(a.name, a.type) < recordKey(b.name, b.type) ? -1 : 1));
  const page = pageOf(sets, (record) => recordKey(record.name, record.type), call.query, {defaultSize: 1000, maxSize: 1000});
  return {
    kind: 'dns#resourceRecordSetsListResponse',
    rrsets: page.items.map(recordJson),
    ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {}),
  };
}

function recordSet(record: Json, field: string, dnsName: string): RecordSet {
  const name = str(record.name);
  if (name === undefined || !name.endsWith('.') || !(name === dnsName || name.endsWith(`.${dnsName}`))) {
    throw new GoogleApiError(400, 'invalid', `Invalid value for '${field}.name': '${name ?? ''}' (must be a fully qualified name in zone '${dnsName}')`);
  }
  const type = str(record.type);
  if (type === undefined || !TYPES.includes(type)) throw new GoogleApiError(400, 'invalid', `Invalid value for '${field}.type': '${type ?? ''}'`);
  const ttl = record.ttl === undefined ? 300 : Number(record.ttl);
  if (!Number.isInteger(ttl) || ttl < 0) throw new GoogleApiError(400, 'invalid', `Invalid value for '${field}.ttl': '${String(record.ttl)}'`);
  const rrdatas = strings(record.rrdatas);
  if (rrdatas.length === 0) throw new GoogleApiError(400, 'required', `Required value for '${field}.rrdatas'`);
  return {name, type, ttl, rrdatas};
}

function sameData(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index]);
}

function recordJson(record: RecordSet): Json {
  return {kind: 'dns#resourceRecordSet', name: record.name, type: record.type, ttl: record.ttl, rrdatas: record.rrdatas};
}

function changeJson(change: RecordChange, now: number): Json {
  return {
    kind: 'dns#change',
    id: change.id,
    startTime: timestamp(change.startTime),
    status: now >= change.doneAt ? 'done' : 'pending',
    ...(change.additions.length > 0 ? {additions: change.additions.map(recordJson)} : {}),
    ...(change.deletions.length > 0 ? {deletions: change.deletions.map(recordJson)} : {}),
  };
}
