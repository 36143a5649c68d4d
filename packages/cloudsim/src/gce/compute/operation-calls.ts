import {setTimeout as sleep} from 'node:timers/promises';
import type {GceState} from '../gce-state.js';
import type {Json} from '../json.js';
import {notFound, notSimulated} from '../wire/google-error.js';
import {pageOf} from '../wire/paging.js';
import {compareText} from './compute-store.js';
import {listFilter, listResponse, operationJson} from './resource-handlers.js';
import type {ScopeKey} from './scopes.js';

export interface OperationCall {
  readonly state: GceState;
  readonly project: string;
  readonly scope: ScopeKey;
  readonly name?: string;
  readonly verb: string;
  readonly query: URLSearchParams;
}

/** `get`, `wait` and `list` on zonal, regional and global operations (`delete` just forgets one). */
export async function operationCall(call: OperationCall): Promise<Json> {
  const {state, project, scope, verb} = call;
  if (verb === 'list') {
    const matches = listFilter(call.query);
    const operations = state.operations.list(project, scope).map((operation) => operationJson(state, operation)).filter(matches)
      .sort((a, b) => compareText(String(a.name), String(b.name)));
    const page = pageOf(operations, (operation) => String(operation.name), call.query);
    return listResponse('compute#operationList', `projects/${project}/${scope}/operations`, page.items, page.nextPageToken);
  }
  const path = `projects/${project}/${scope}/operations/${call.name ?? ''}`;
  const operation = state.operations.get(path);
  if (!operation) throw notFound(path);
  switch (verb) {
    case 'get':
      return operationJson(state, operation);
    case 'wait':
      return waitFor(state, path);
    case 'delete':
      state.operations.delete(path);
      return {};
    default:
      throw notSimulated(`compute.operations.${verb}`);
  }
}

/** Blocks until the operation is DONE or `waitTimeoutMs` has passed, as Google's `wait` does (about 2 min). */
async function waitFor(state: GceState, path: string): Promise<Json> {
  const deadline = Date.now() + state.waitTimeoutMs;
  for (;;) {
    const operation = state.operations.get(path);
    if (!operation) throw notFound(path);
    const remaining = Math.min(operation.doneAt - state.now(), deadline - Date.now());
    if (remaining <= 0) return operationJson(state, operation);
    await sleep(Math.min(remaining, 1000));
  }
}
