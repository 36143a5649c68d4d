import {header} from '../../http-headers.js';
import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../../service.js';
import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';
import {backendError, GoogleApiError, jsonOk, notSimulated, parseJsonBody, rateLimited} from '../wire/google-error.js';
import {DNS_PREFIX, parseDnsRoute, type DnsCall, type DnsOperation} from './dns-call.js';
import {createZone, deleteZone, findZone, listZones, zoneJson} from './managed-zones.js';
import {createChange, getChange, listChanges, listRecordSets} from './record-changes.js';

const HANDLERS: Readonly<Record<DnsOperation, (call: DnsCall) => Json>> = {
  'dns.managedZones.create': createZone,
  'dns.managedZones.list': listZones,
  'dns.managedZones.get': (call) => zoneJson(findZone(call)),
  'dns.managedZones.delete': deleteZone,
  'dns.changes.create': createChange,
  'dns.changes.list': listChanges,
  'dns.changes.get': getChange,
  'dns.resourceRecordSets.list': listRecordSets,
};

const MUTATING: ReadonlySet<DnsOperation> = new Set(['dns.managedZones.create', 'dns.managedZones.delete', 'dns.changes.create']);

/** Cloud DNS v1 (`/dns/v1/projects/...`) as `@google-cloud/dns` calls it: managed zones, changes, record sets. */
export class CloudDnsService implements SimService {
  readonly name = 'clouddns';
  readonly cloud = 'gce';
  readonly state: GceState;

  constructor(state: GceState) {
    this.state = state;
  }

  matches(req: SimRequest): boolean {
    return !header(req.headers, 'authorization')?.startsWith('AWS4-') && req.url.pathname.startsWith(DNS_PREFIX);
  }

  describe(req: SimRequest): SimAction {
    const {operation} = parseDnsRoute(req.method, req.url.pathname);
    return {action: operation ?? `dns ${req.method} ${req.url.pathname}`, mutating: operation !== undefined && MUTATING.has(operation)};
  }

  handle(req: SimRequest): SimResponse {
    const route = parseDnsRoute(req.method, req.url.pathname);
    try {
      if (route.operation === undefined) throw notSimulated(`${req.method} ${req.url.pathname}`);
      const call: DnsCall = {...route, state: this.state, body: parseJsonBody(req.body), query: req.url.searchParams};
      return jsonOk(HANDLERS[route.operation](call));
    } catch (error) {
      if (error instanceof GoogleApiError) return error.toResponse();
      throw error;
    }
  }

  throttled(): SimResponse {
    return rateLimited('dns.googleapis.com').toResponse();
  }

  fault(): SimResponse {
    return backendError().toResponse();
  }

  /** Zones, and the record sets in them other than the zone's own SOA and NS. */
  resources(): SimResource[] {
    return this.state.dns.list().flatMap((zone) => [
      {cloud: this.cloud, kind: 'dns:managedZone', id: `projects/${zone.project}/managedZones/${zone.name}`, name: zone.dnsName, tags: {...zone.labels}},
      ...[...zone.records.values()]
        .filter((record) => !(record.name === zone.dnsName && (record.type === 'SOA' || record.type === 'NS')))
        .map((record) => ({
          cloud: this.cloud,
          kind: 'dns:resourceRecordSet',
          id: `projects/${zone.project}/managedZones/${zone.name}/rrsets/${record.name}/${record.type}`,
          name: record.name,
          tags: {},
        })),
    ]);
  }

  reset(): void {
    this.state.dns.clear();
  }
}
