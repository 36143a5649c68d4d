import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';
import {projectNumber} from '../wire/ids.js';
import {invalidField, notFound, notSimulated} from '../wire/google-error.js';
import {selfLink} from '../wire/links.js';
import {pageOf} from '../wire/paging.js';
import {findMachineType, MACHINE_TYPES, machineTypeResource, regionResource, zoneResource} from './catalog.js';
import {compareText} from './compute-store.js';
import {regionCpuUsage} from './quota.js';
import {listFilter, listResponse, noResultsWarning} from './resource-handlers.js';
import {REGION_NAMES, scopeName, scopesOfType, ZONE_NAMES, type ScopeKey} from './scopes.js';

export interface CatalogCall {
  readonly state: GceState;
  readonly project: string;
  readonly scope: ScopeKey;
  readonly collection: string;
  readonly name?: string;
  readonly query: URLSearchParams;
}

/** `zones`, `regions` and `machineTypes`: list and get over the fixed catalog. */
export function catalogCall(call: CatalogCall): Json {
  const {project, scope, collection, name} = call;
  const entries = catalogEntries(call);
  if (!entries) throw notSimulated(`compute.${collection}`);
  if (name !== undefined) {
    const entry = entries.find((candidate) => candidate.name === name);
    if (!entry) throw notFound(`projects/${project}/${scope === 'global' ? '' : `${scope}/`}${collection}/${name}`);
    return entry;
  }
  const matches = listFilter(call.query);
  const sorted = entries.filter(matches).sort((a, b) => compareText(String(a.name), String(b.name)));
  const page = pageOf(sorted, (entry) => String(entry.name), call.query);
  const kind = {zones: 'compute#zoneList', regions: 'compute#regionList'}[collection] ?? 'compute#machineTypeList';
  const listPath = `projects/${project}/${scope === 'global' ? '' : `${scope}/`}${collection}`;
  return listResponse(kind, listPath, page.items, page.nextPageToken);
}

function catalogEntries(call: CatalogCall): Json[] | undefined {
  const {state, project, scope, collection} = call;
  switch (collection) {
    case 'zones':
      return ZONE_NAMES.map((zone) => zoneResource(project, zone));
    case 'regions':
      return REGION_NAMES.map((region) => regionResource(project, region, {limit: state.cpuQuotaPerRegion, usage: regionCpuUsage(state, project, region)}));
    case 'machineTypes':
      return MACHINE_TYPES.map((type) => machineTypeResource(project, scopeName(scope), type));
    default:
      return undefined;
  }
}

/** `aggregated/machineTypes`: the catalog of every zone. */
export function aggregatedMachineTypes(project: string, query: URLSearchParams): Json {
  const matches = listFilter(query);
  const items: Record<string, Json> = {};
  for (const scope of scopesOfType('zone')) {
    const types = MACHINE_TYPES.map((type) => machineTypeResource(project, scopeName(scope), type)).filter(matches);
    items[scope] = types.length > 0 ? {machineTypes: types} : noResultsWarning(scope);
  }
  const listPath = `projects/${project}/aggregated/machineTypes`;
  return {kind: 'compute#machineTypeAggregatedList', id: listPath, items, selfLink: selfLink(listPath)};
}

/** `projects.get`: the project with its default service account, which instances may name as `default`. */
export function projectResource(project: string): Json {
  return {
    kind: 'compute#project',
    id: projectNumber(project),
    name: project,
    creationTimestamp: '2024-01-01T00:00:00.000-08:00',
    defaultServiceAccount: defaultServiceAccount(project),
    commonInstanceMetadata: {kind: 'compute#metadata', fingerprint: 'vGVPPUQBTb8=', items: []},
    xpnProjectStatus: 'UNSPECIFIED_XPN_PROJECT_STATUS',
    defaultNetworkTier: 'PREMIUM',
    selfLink: selfLink(`projects/${project}`),
  };
}

export function defaultServiceAccount(project: string): string {
  return `${projectNumber(project)}-compute@developer.gserviceaccount.com`;
}

/** The machine type an instance or template names, as a full URL in the instance's zone. */
export function resolveMachineType(project: string, zone: string, value: unknown, field: string): {readonly link: string; readonly guestCpus: number} {
  if (typeof value !== 'string' || value === '') throw invalidField(field, value ?? '', 'The URL is malformed.');
  const match = /(?:^|\/)zones\/([^/]+)\/machineTypes\/([^/]+)$/.exec(value);
  const name = match ? match[2] as string : value;
  const path = `projects/${project}/zones/${zone}/machineTypes/${name}`;
  if (match && match[1] !== zone) throw invalidField(field, value, `Machine type must be in the instance's zone '${zone}'.`);
  const type = findMachineType(name);
  if (!type || name.includes('/')) throw notFound(path);
  return {link: selfLink(path), guestCpus: type.guestCpus};
}
