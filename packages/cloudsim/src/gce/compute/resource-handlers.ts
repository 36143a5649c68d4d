import type {GceState} from '../gce-state.js';
import {clone, str, stringMap, type Json} from '../json.js';
import {alreadyExists, fingerprintMismatch, invalidField, notFound, notSimulated, requiredField, resourceInUse} from '../wire/google-error.js';
import {fingerprint, numericId, timestamp} from '../wire/ids.js';
import {FilterSyntaxError, parseListFilter, type ListFilter} from '../wire/list-filter.js';
import {selfLink} from '../wire/links.js';
import {pageOf} from '../wire/paging.js';
import {resourcePath, type ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {OperationFailure, renderOperation, type OperationRecord} from './operations.js';
import {usersOf} from './references.js';
import {scopesOfType, scopeType, type ScopeKey} from './scopes.js';

/** One call on a collection or on one of its resources. */
export interface CollectionCall extends ComputeContext {
  readonly family: ResourceFamily;
  readonly name?: string;
  readonly body: Json;
  readonly query: URLSearchParams;
}

const NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function listFilter(query: URLSearchParams): ListFilter {
  try {
    return parseListFilter(query.get('filter') ?? '');
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw invalidField('filter', query.get('filter'), error.message);
    throw error;
  }
}

/** A `list` answer: `{kind, id, items, nextPageToken, selfLink}` with `items` left out when empty. */
export function listResponse(kind: string, listPath: string, items: readonly Json[], nextPageToken: string | undefined): Json {
  return {
    kind,
    id: listPath,
    ...(items.length > 0 ? {items} : {}),
    ...(nextPageToken === undefined ? {} : {nextPageToken}),
    selfLink: selfLink(listPath),
  };
}

export function listResources(call: CollectionCall): Json {
  const {family, project, scope, query} = call;
  const matches = listFilter(query);
  const resources = call.state.compute.list(family.collection, project, scope).filter((resource) => matches(resource.body));
  const page = pageOf(resources, (resource) => resource.name, query);
  return listResponse(`${family.kind}List`, `projects/${project}/${scope}/${family.collection}`, page.items.map((resource) => resource.body), page.nextPageToken);
}

/**
 * `aggregated/<collection>`: every scope of the project in one answer, as `items: {'zones/Z': {instances: [...]}}`;
 * scopes without results on the page carry Google's NO_RESULTS_ON_PAGE warning.
 */
export function aggregatedList(state: GceState, family: ResourceFamily, project: string, query: URLSearchParams): Json {
  const matches = listFilter(query);
  const resources = state.compute.all()
    .filter((resource) => resource.collection === family.collection && resource.project === project && matches(resource.body))
    .sort((a, b) => (`${a.scope}/${a.name}` < `${b.scope}/${b.name}` ? -1 : 1));
  const page = pageOf(resources, (resource) => `${resource.scope}/${resource.name}`, query);
  const items: Record<string, Json> = {};
  for (const scope of family.scopes.flatMap(scopesOfType)) {
    const found = page.items.filter((resource) => resource.scope === scope).map((resource) => resource.body);
    items[scope] = found.length > 0 ? {[family.collection]: found} : noResultsWarning(scope);
  }
  const listPath = `projects/${project}/aggregated/${family.collection}`;
  return {kind: `${family.kind}AggregatedList`, id: listPath, items, ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {}), selfLink: selfLink(listPath)};
}

export function noResultsWarning(scope: ScopeKey): Json {
  return {
    warning: {code: 'NO_RESULTS_ON_PAGE', message: `There are no results for scope '${scope}' on this page.`, data: [{key: 'scope', value: scope}]},
  };
}

export function findResource(call: CollectionCall): ComputeResource {
  const path = resourcePath(call.project, call.scope, call.family.collection, call.name ?? '');
  const resource = call.state.compute.get(path);
  if (!resource) throw notFound(path);
  return resource;
}

export interface InsertRequest {
  readonly family: ResourceFamily;
  readonly project: string;
  readonly scope: ScopeKey;
  readonly input: Json;
  readonly query?: URLSearchParams;
}

/**
 * Creates a resource as `insert` does, without the operation: shared by the API, managed instance
 * groups and the seeder. Throws GoogleApiError (refused) or OperationFailure (accepted, then failed).
 */
export function createResource(state: GceState, request: InsertRequest): ComputeResource {
  const {family, project, scope, input} = request;
  if (!family.create) throw notSimulated(`compute.${family.collection}.insert`);
  const name = str(input.name);
  if (name === undefined || name === '') throw requiredField('resource.name');
  if (!NAME.test(name)) throw invalidField('resource.name', name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
  const path = resourcePath(project, scope, family.collection, name);
  if (state.compute.get(path)) throw alreadyExists(path);
  const now = state.now();
  const ctx = {state, project, scope, now};
  const base = baseFields(family, path, scope, input, now);
  const body = family.create(clone(input), {...ctx, base, path, query: request.query ?? new URLSearchParams()});
  const resource = state.compute.add({collection: family.collection, project, scope, name, createdAt: now, body});
  refreshFingerprint(resource);
  family.afterInsert?.(resource, ctx);
  return resource;
}

function baseFields(family: ResourceFamily, path: string, scope: ScopeKey, input: Json, now: number): Json {
  const type = scopeType(scope);
  const scopeLink = selfLink(path.slice(0, path.indexOf(`/${family.collection}/`)));
  const labels = stringMap(input.labels);
  return {
    kind: family.kind,
    id: numericId(),
    creationTimestamp: timestamp(now),
    name: input.name,
    ...(typeof input.description === 'string' ? {description: input.description} : {}),
    ...(type === 'zone' ? {zone: scopeLink} : {}),
    ...(type === 'region' ? {region: scopeLink} : {}),
    ...(family.labelled ? {labels, labelFingerprint: fingerprint(labels)} : {}),
    selfLink: selfLink(path),
  };
}

/** Resources with a whole-resource `fingerprint` get a new one whenever they change. */
export function refreshFingerprint(resource: ComputeResource): void {
  if (!('fingerprint' in resource.body)) return;
  const {fingerprint: _old, ...rest} = resource.body;
  resource.body.fingerprint = fingerprint(rest);
}

export function insertResource(call: CollectionCall): OperationRecord {
  const {family, project, scope, state} = call;
  const name = str(call.body.name) ?? '';
  try {
    const resource = createResource(state, {family, project, scope, input: call.body, query: call.query});
    return startOperation(call, 'insert', resource);
  } catch (error) {
    if (!(error instanceof OperationFailure)) throw error;
    return startOperation(call, 'insert', {selfLink: selfLink(resourcePath(project, scope, family.collection, name))}, error);
  }
}

export function deleteResource(call: CollectionCall): OperationRecord {
  const {family} = call;
  const resource = findResource(call);
  const blocker = usersOf(call, resource)
    .find((user) => family.inUseBy?.includes(user.collection) && !family.ownsDependent?.(resource, user));
  if (blocker) throw resourceInUse(family.typeName, resource.path, blocker.path);
  family.beforeDelete?.(resource, call);
  call.state.compute.remove(resource);
  return startOperation(call, 'delete', resource);
}

export function changeResource(call: CollectionCall, verb: 'patch' | 'update'): OperationRecord {
  const resource = findResource(call);
  const change = call.family[verb];
  if (!change) throw notSimulated(`compute.${call.family.collection}.${verb}`);
  const given = str(call.body.fingerprint);
  if (given !== undefined && 'fingerprint' in resource.body && given !== resource.body.fingerprint) throw fingerprintMismatch('resource');
  change(resource, clone(call.body), call);
  refreshFingerprint(resource);
  return startOperation(call, verb, resource);
}

export function setLabels(call: CollectionCall): OperationRecord {
  const resource = findResource(call);
  if (!call.family.labelled) throw notSimulated(`compute.${call.family.collection}.setLabels`);
  if (str(call.body.labelFingerprint) !== resource.body.labelFingerprint) throw fingerprintMismatch('label');
  const labels = stringMap(call.body.labels);
  resource.body.labels = labels;
  resource.body.labelFingerprint = fingerprint(labels);
  return startOperation(call, 'setLabels', resource);
}

/** A collection-specific method: an operation for mutating ones, the method's JSON for read ones. */
export function callMethod(call: CollectionCall, method: string): {readonly operation: OperationRecord} | {readonly json: Json} {
  const custom = call.family.methods?.[method];
  if (!custom) throw notSimulated(`compute.${call.family.collection}.${method}`);
  const resource = findResource(call);
  const answer = custom.run(resource, call);
  if (!custom.mutating) return {json: answer ?? {}};
  refreshFingerprint(resource);
  return {operation: startOperation(call, custom.operationType ?? method, resource)};
}

/** Starts the operation that reports a change, in the scope of the resource (zone, region or global). */
export function startOperation(
  ctx: ComputeContext,
  operationType: string,
  target: {readonly selfLink: string; readonly body?: Json},
  failure?: OperationFailure,
): OperationRecord {
  const targetId = str(target.body?.id);
  return ctx.state.operations.create(
    {project: ctx.project, scope: ctx.scope, operationType, targetLink: target.selfLink, ...(targetId ? {targetId} : {}), ...(failure ? {failure} : {})},
    ctx.now,
    ctx.state.operationDelayMs,
  );
}

export function operationJson(state: GceState, operation: OperationRecord): Json {
  return renderOperation(operation, state.now());
}
