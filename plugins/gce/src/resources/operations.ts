/**
 * Compute changes answer with an operation, not with the result: the provider waits on each one explicitly
 * (zonal, regional or global `wait`, which Google answers when the operation is done or after about two
 * minutes, whichever comes first) and turns an operation that ended in error into an OperationError.
 */
import type {protos} from '@google-cloud/compute';
import type {HandlerContext} from '@kopsx/core';
import {lastSegment} from '../names.js';
import {OperationError} from '../operation-error.js';
import type {GceApi} from './gce-api.js';

export type Operation = protos.google.cloud.compute.v1.IOperation;

/** What the clients' mutating methods resolve to: the operation, as first answered, in `latestResponse`. */
export type StartedOperation = readonly [{readonly latestResponse: unknown}, ...unknown[]];

/** Runs a change and waits until Google has carried it out; `what` names it in errors. */
export async function completed(api: GceApi, ctx: HandlerContext, what: string, start: () => Promise<StartedOperation>): Promise<Operation> {
  ctx.signal.throwIfAborted();
  const [handle] = await start();
  let operation = handle.latestResponse as Operation;
  while (operation.status !== 'DONE') {
    ctx.signal.throwIfAborted();
    operation = await waitOnce(api, operation);
  }
  const errors = operation.error?.errors ?? [];
  if (errors.length > 0) throw new OperationError(what, operation.httpErrorStatusCode ?? undefined, errors);
  return operation;
}

async function waitOnce(api: GceApi, operation: Operation): Promise<Operation> {
  const {compute} = api.clients;
  const request = {project: api.project, operation: operation.name ?? ''};
  if (operation.zone) return (await compute.zoneOperations.wait({...request, zone: lastSegment(operation.zone)}))[0];
  if (operation.region) return (await compute.regionOperations.wait({...request, region: lastSegment(operation.region)}))[0];
  return (await compute.globalOperations.wait(request))[0];
}
