import {header} from '../../http-headers.js';
import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../../service.js';
import type {GceState} from '../gce-state.js';
import {stringMap, type Json} from '../json.js';
import {backendError, GoogleApiError, invalidField, jsonOk, notFound, notSimulated, parseJsonBody, rateLimited} from '../wire/google-error.js';
import {ApiFrontends} from './api-frontends.js';
import {aggregatedMachineTypes, catalogCall, projectResource} from './catalog-calls.js';
import {computeAction, COMPUTE_PREFIX, isMutating, parseComputeRoute, routeVerb, type ComputeRoute} from './compute-route.js';
import {COMPUTE_FAMILIES} from './families.js';
import {imageFromFamily, PUBLIC_IMAGE_PROJECTS} from './images.js';
import {operationCall} from './operation-calls.js';
import type {OperationRecord} from './operations.js';
import {
  aggregatedList, callMethod, changeResource, deleteResource, findResource, insertResource, listResources, operationJson, setLabels,
  type CollectionCall,
} from './resource-handlers.js';
import {isKnownScope, scopeType} from './scopes.js';

/**
 * The Compute Engine REST API (`/compute/v1/projects/...`) as `@google-cloud/compute` calls it with the
 * REST transport: resources, operations with `wait`, list filters and paging, aggregated lists.
 */
export class ComputeService implements SimService {
  readonly name = 'compute';
  readonly cloud = 'gce';
  readonly state: GceState;
  /** Mutations already answered, by the client's `requestId`: a retried call gets the same operation back. */
  readonly #requests = new Map<string, OperationRecord>();

  constructor(state: GceState) {
    this.state = state;
  }

  matches(req: SimRequest): boolean {
    return !header(req.headers, 'authorization')?.startsWith('AWS4-') && req.url.pathname.startsWith(COMPUTE_PREFIX);
  }

  describe(req: SimRequest): SimAction {
    const route = parseComputeRoute(req.url.pathname);
    return {action: computeAction(route, req.method), mutating: isMutating(route, req.method)};
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    const route = parseComputeRoute(req.url.pathname);
    try {
      if (!route) throw notFound(req.url.pathname);
      const verb = routeVerb(route, req.method);
      if (verb === undefined) throw notSimulated(`${req.method} ${req.url.pathname}`);
      const body = parseJsonBody(req.body);
      this.state.reconcile();
      const answer = await this.#withApiFrontend(route, verb, body, () => this.#answer(route, verb, body, req.url.searchParams));
      if (isMutating(route, req.method)) this.state.reconcile();
      return jsonOk(answer);
    } catch (error) {
      if (error instanceof GoogleApiError) return error.toResponse();
      throw error;
    }
  }

  throttled(): SimResponse {
    return rateLimited('compute.googleapis.com').toResponse();
  }

  fault(): SimResponse {
    return backendError().toResponse();
  }

  resources(): SimResource[] {
    return this.state.compute.all()
      .filter((resource) => !PUBLIC_IMAGE_PROJECTS.includes(resource.project))
      .map((resource) => ({
        cloud: this.cloud,
        kind: String(resource.body.kind).replace('#', ':'),
        id: resource.path,
        name: resource.name,
        tags: stringMap(resource.body.labels),
      }));
  }

  reset(): void {
    this.state.clearCompute();
    this.#requests.clear();
  }

  close(): void {
    this.state.apiFrontends.closeAll();
  }

  /** Opens the listener a cluster's new API address takes (`ApiFrontends`), and closes it if the call failed. */
  async #withApiFrontend(route: ComputeRoute | undefined, verb: string, body: Json, answer: () => Promise<Json>): Promise<Json> {
    const wanted = route?.target === 'collection' && route.collection === 'addresses' && route.name === undefined && verb === 'insert'
      && ApiFrontends.wanted(body, scopeType(route.scope) === 'region');
    if (!wanted) return answer();
    await this.state.apiFrontends.open();
    try {
      return await answer();
    } finally {
      this.state.apiFrontends.withdraw();
    }
  }

  async #answer(route: ComputeRoute, verb: string, body: Json, query: URLSearchParams): Promise<Json> {
    const {state} = this;
    switch (route.target) {
      case 'project':
        return projectResource(route.project);
      case 'catalog':
        checkScope(route.scope);
        return catalogCall({state, ...route, query});
      case 'imageFamily':
        return imageFromFamily(state, route.project, route.family).body;
      case 'aggregated': {
        if (route.collection === 'machineTypes') return aggregatedMachineTypes(route.project, query);
        const family = COMPUTE_FAMILIES.get(route.collection);
        if (!family || family.scopes.every((type) => type === 'global')) throw notSimulated(`compute.${route.collection}.aggregatedList`);
        return aggregatedList(state, family, route.project, query);
      }
      case 'collection':
        checkScope(route.scope);
        if (route.collection === 'operations') return operationCall({state, ...route, verb, query});
        return this.#collectionCall(route, verb, body, query);
    }
  }

  #collectionCall(route: Extract<ComputeRoute, {target: 'collection'}>, verb: string, body: Json, query: URLSearchParams): Json {
    const family = COMPUTE_FAMILIES.get(route.collection);
    if (!family) throw notSimulated(`compute.${route.collection}.${verb}`);
    if (!family.scopes.includes(scopeType(route.scope))) throw notFound(`projects/${route.project}/${route.scope}/${route.collection}`);
    const call: CollectionCall = {
      state: this.state, project: route.project, scope: route.scope, now: this.state.now(), family, body, query,
      ...(route.name === undefined ? {} : {name: route.name}),
    };
    switch (verb) {
      case 'list':
        return listResources(call);
      case 'get':
        return findResource(call).body;
      default:
        return this.#mutate(call, verb, query.get('requestId'));
    }
  }

  #mutate(call: CollectionCall, verb: string, requestId: string | null): Json {
    const earlier = requestId ? this.#requests.get(requestId) : undefined;
    if (earlier) return operationJson(this.state, earlier);
    let operation: OperationRecord;
    switch (verb) {
      case 'insert':
        operation = insertResource(call);
        break;
      case 'delete':
        operation = deleteResource(call);
        break;
      case 'patch':
      case 'update':
        operation = changeResource(call, verb);
        break;
      case 'setLabels':
        operation = setLabels(call);
        break;
      default: {
        const outcome = callMethod(call, verb);
        if ('json' in outcome) return outcome.json;
        operation = outcome.operation;
      }
    }
    if (requestId) this.#requests.set(requestId, operation);
    return operationJson(this.state, operation);
  }
}

function checkScope(scope: Parameters<typeof isKnownScope>[0]): void {
  if (isKnownScope(scope)) return;
  const type = scopeType(scope);
  throw invalidField(type, scope.slice(scope.indexOf('/') + 1), `Unknown ${type}.`);
}
