import {scopeType, type ScopeKey, type ScopeType} from './scopes.js';

export const COMPUTE_PREFIX = '/compute/v1/projects/';

/** What a Compute URL addresses, before anything is looked up. */
export type ComputeRoute =
  | {readonly target: 'project'; readonly project: string}
  /** `zones`, `regions` (global lists) or `machineTypes` (per zone): the fixed catalog. */
  | {readonly target: 'catalog'; readonly project: string; readonly scope: ScopeKey; readonly collection: string; readonly name?: string}
  | {readonly target: 'aggregated'; readonly project: string; readonly collection: string}
  | {readonly target: 'imageFamily'; readonly project: string; readonly family: string}
  | {
    readonly target: 'collection';
    readonly project: string;
    readonly scope: ScopeKey;
    readonly collection: string;
    readonly name?: string;
    /** A custom method after the name: `resize`, `setLabels`, `wait`, ... */
    readonly method?: string;
  };

/** Parses `/compute/v1/projects/P/...`; undefined when the path has no shape the API knows. */
export function parseComputeRoute(pathname: string): ComputeRoute | undefined {
  if (!pathname.startsWith(COMPUTE_PREFIX)) return undefined;
  const [project, ...rest] = pathname.slice(COMPUTE_PREFIX.length).replace(/\/$/, '').split('/').map(decodeSegment);
  if (!project) return undefined;
  const [first, second, third, fourth, fifth, ...extra] = rest;
  if (first === undefined) return {target: 'project', project};
  if (first === 'aggregated') return second !== undefined && third === undefined ? {target: 'aggregated', project, collection: second} : undefined;
  if (first === 'global') {
    if (second === undefined || fifth !== undefined) return undefined;
    if (second === 'images' && third === 'family' && fourth !== undefined) return {target: 'imageFamily', project, family: fourth};
    return collectionRoute(project, 'global', second, third, fourth);
  }
  if (first !== 'regions' && first !== 'zones') return undefined;
  if (third === undefined) {
    return {target: 'catalog', project, scope: 'global', collection: first, ...(second === undefined ? {} : {name: second})};
  }
  if (second === undefined || extra.length > 0) return undefined;
  const scope: ScopeKey = `${first}/${second}`;
  if (third === 'machineTypes' && fifth === undefined) {
    return {target: 'catalog', project, scope, collection: third, ...(fourth === undefined ? {} : {name: fourth})};
  }
  return collectionRoute(project, scope, third, fourth, fifth);
}

function collectionRoute(project: string, scope: ScopeKey, collection: string, name?: string, method?: string): ComputeRoute {
  return {target: 'collection', project, scope, collection, ...(name === undefined ? {} : {name}), ...(method === undefined ? {} : {method})};
}

/** The REST method a request calls on its route: `list`, `get`, `insert`, `delete`, `patch`, `update` or a custom one. */
export function routeVerb(route: ComputeRoute, httpMethod: string): string | undefined {
  switch (route.target) {
    case 'project':
      return httpMethod === 'GET' ? 'get' : undefined;
    case 'aggregated':
      return httpMethod === 'GET' ? 'aggregatedList' : undefined;
    case 'imageFamily':
      return httpMethod === 'GET' ? 'getFromFamily' : undefined;
    case 'catalog':
      return httpMethod === 'GET' ? (route.name === undefined ? 'list' : 'get') : undefined;
    case 'collection':
      if (route.method !== undefined) return httpMethod === 'POST' || httpMethod === 'PATCH' ? route.method : undefined;
      if (route.name === undefined) return httpMethod === 'GET' ? 'list' : httpMethod === 'POST' ? 'insert' : undefined;
      return ({GET: 'get', DELETE: 'delete', PATCH: 'patch', PUT: 'update'} as Record<string, string>)[httpMethod];
  }
}

/** Google's name of a collection in method names: regional health checks are `regionHealthChecks`, ... */
const API_COLLECTIONS: Readonly<Record<string, Readonly<Partial<Record<ScopeType, string>>>>> = {
  operations: {global: 'globalOperations', region: 'regionOperations', zone: 'zoneOperations'},
  addresses: {global: 'globalAddresses'},
  forwardingRules: {global: 'globalForwardingRules'},
  healthChecks: {region: 'regionHealthChecks'},
  backendServices: {region: 'regionBackendServices'},
};

/** The action name for the request log and the controls: `compute.instances.insert`. */
export function computeAction(route: ComputeRoute | undefined, httpMethod: string): string {
  if (!route) return `compute.${httpMethod}`;
  const verb = routeVerb(route, httpMethod) ?? httpMethod;
  switch (route.target) {
    case 'project':
      return `compute.projects.${verb}`;
    case 'imageFamily':
      return 'compute.images.getFromFamily';
    case 'aggregated':
      return `compute.${route.collection}.${verb}`;
    case 'catalog':
    case 'collection':
      return `compute.${API_COLLECTIONS[route.collection]?.[scopeType(route.scope)] ?? route.collection}.${verb}`;
  }
}

/** Read calls that use POST: they neither change state nor count towards `faultAtCall`. */
const READ_VERBS = /^(list|get|aggregatedList|wait)/;

export function isMutating(route: ComputeRoute | undefined, httpMethod: string): boolean {
  if (!route || httpMethod === 'GET') return false;
  return !READ_VERBS.test(routeVerb(route, httpMethod) ?? '');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
