import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';

export const DNS_PREFIX = '/dns/v1/projects/';

/** The Cloud DNS methods the simulator implements, named as Google's discovery document names them. */
export type DnsOperation =
  | 'dns.managedZones.create'
  | 'dns.managedZones.list'
  | 'dns.managedZones.get'
  | 'dns.managedZones.delete'
  | 'dns.changes.create'
  | 'dns.changes.list'
  | 'dns.changes.get'
  | 'dns.resourceRecordSets.list';

export interface DnsCall {
  readonly state: GceState;
  readonly project: string;
  readonly zone?: string;
  readonly change?: string;
  readonly body: Json;
  readonly query: URLSearchParams;
}

export interface DnsRoute {
  /** Undefined when the path or method is not one the simulator has. */
  readonly operation: DnsOperation | undefined;
  readonly project: string;
  readonly zone?: string;
  readonly change?: string;
}

const PATH = /^\/dns\/v1\/projects\/([^/]+)\/managedZones(?:\/([^/]+)(?:\/(changes|rrsets)(?:\/([^/]+))?)?)?\/?$/;

const OPERATIONS: Readonly<Record<string, DnsOperation>> = {
  'POST zones': 'dns.managedZones.create',
  'GET zones': 'dns.managedZones.list',
  'GET zone': 'dns.managedZones.get',
  'DELETE zone': 'dns.managedZones.delete',
  'POST changes': 'dns.changes.create',
  'GET changes': 'dns.changes.list',
  'GET change': 'dns.changes.get',
  'GET rrsets': 'dns.resourceRecordSets.list',
};

export function parseDnsRoute(method: string, pathname: string): DnsRoute {
  const match = PATH.exec(pathname);
  if (!match) return {operation: undefined, project: ''};
  const [, project = '', zone, collection, item] = match;
  const level = zone === undefined ? 'zones' : collection === undefined ? 'zone' : item === undefined ? collection : collection === 'changes' ? 'change' : 'rrset';
  return {
    operation: OPERATIONS[`${method} ${level}`],
    project: decodeURIComponent(project),
    ...(zone === undefined ? {} : {zone: decodeURIComponent(zone)}),
    ...(item === undefined ? {} : {change: decodeURIComponent(item)}),
  };
}
