import {header} from '../../http-headers.js';
import type {SimAction, SimRequest, SimResource, SimResponse, SimService} from '../../service.js';
import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';
import {backendError, GoogleApiError, jsonOk, notSimulated, parseJsonBody} from '../wire/google-error.js';
import {accountJson, createFromRequest, findAccount, iamError, listAccounts} from './service-accounts.js';

/** IAM's host is iam.googleapis.com; on the shared endpoint its paths are recognised by the collection. */
const PATH = /^\/v1\/projects\/([^/]+)\/serviceAccounts(?:\/([^/:]+))?\/?$/;
const PREFIX = /^\/v1\/projects\/[^/]+\/serviceAccounts(\/|:|$)/;

type IamOperation = 'iam.serviceAccounts.create' | 'iam.serviceAccounts.list' | 'iam.serviceAccounts.get' | 'iam.serviceAccounts.delete';

interface IamRoute {
  readonly operation: IamOperation | undefined;
  readonly project: string;
  readonly account?: string;
}

function parseIamRoute(method: string, pathname: string): IamRoute {
  const match = PATH.exec(pathname);
  if (!match) return {operation: undefined, project: ''};
  const [, project = '', account] = match;
  const operations: Readonly<Record<string, IamOperation>> = account === undefined
    ? {POST: 'iam.serviceAccounts.create', GET: 'iam.serviceAccounts.list'}
    : {GET: 'iam.serviceAccounts.get', DELETE: 'iam.serviceAccounts.delete'};
  return {operation: operations[method], project: decodeURIComponent(project), ...(account === undefined ? {} : {account: decodeURIComponent(account)})};
}

/** IAM service accounts (`/v1/projects/P/serviceAccounts[/EMAIL]`): create, get, list and delete. */
export class GcpIamService implements SimService {
  readonly name = 'gcp-iam';
  readonly cloud = 'gce';
  readonly state: GceState;

  constructor(state: GceState) {
    this.state = state;
  }

  matches(req: SimRequest): boolean {
    return !header(req.headers, 'authorization')?.startsWith('AWS4-') && PREFIX.test(req.url.pathname);
  }

  describe(req: SimRequest): SimAction {
    const {operation} = parseIamRoute(req.method, req.url.pathname);
    return {
      action: operation ?? `iam ${req.method} ${req.url.pathname}`,
      mutating: operation === 'iam.serviceAccounts.create' || operation === 'iam.serviceAccounts.delete',
    };
  }

  handle(req: SimRequest): SimResponse {
    const route = parseIamRoute(req.method, req.url.pathname);
    try {
      return jsonOk(this.#answer(route, req));
    } catch (error) {
      if (error instanceof GoogleApiError) return error.toResponse();
      throw error;
    }
  }

  #answer(route: IamRoute, req: SimRequest): Json {
    const {state} = this;
    switch (route.operation) {
      case 'iam.serviceAccounts.create':
        return createFromRequest(state, route.project, parseJsonBody(req.body));
      case 'iam.serviceAccounts.list':
        return listAccounts(state, route.project, req.url.searchParams);
      case 'iam.serviceAccounts.get':
        return accountJson(findAccount(state, route.project, route.account ?? ''));
      case 'iam.serviceAccounts.delete':
        state.iam.remove(findAccount(state, route.project, route.account ?? ''));
        return {};
      default:
        throw notSimulated(`${req.method} ${req.url.pathname}`);
    }
  }

  throttled(): SimResponse {
    return iamError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Requests' of service 'iam.googleapis.com'.").toResponse();
  }

  fault(): SimResponse {
    return new GoogleApiError(500, 'internal', backendError().message, 'INTERNAL').toResponse();
  }

  resources(): SimResource[] {
    return this.state.iam.list().map((account) => ({
      cloud: this.cloud,
      kind: 'iam:serviceAccount',
      id: `projects/${account.project}/serviceAccounts/${account.email}`,
      name: account.email,
      tags: {},
    }));
  }

  reset(): void {
    this.state.iam.clear();
  }
}
