/**
 * Creates a resource, or takes over the one an earlier attempt created. Names are unique in Google Cloud, so
 * when the answer to an insert was lost (a timeout, a crash) the retry finds the name taken: if the resource
 * there carries the cluster's description it is that earlier attempt's, and the create is done; anything else
 * belongs to someone else and is never touched.
 */
import {AlreadyExistsError} from '@kopsx/core';
import type {HandlerContext} from '@kopsx/core';
import {OperationError} from '../operation-error.js';
import {isOwned} from '../ownership.js';
import type {GceApi} from './gce-api.js';
import {completed} from './operations.js';
import type {Operation, StartedOperation} from './operations.js';

/** gRPC ABORTED, as the Compute client reports Google's 409 `alreadyExists`. */
const GRPC_ABORTED = 10;

export interface InsertOwnedRequest {
  /** For errors: `network network-dev-example-com-3k9f`. */
  readonly what: string;
  readonly insert: () => Promise<StartedOperation>;
  /** Reads the resource that holds the name. */
  readonly existing: () => Promise<{readonly description?: string | null}>;
}

/** The finished operation, or undefined when an earlier attempt's resource was adopted. */
export async function insertOwned(api: GceApi, ctx: HandlerContext, request: InsertOwnedRequest): Promise<Operation | undefined> {
  try {
    return await completed(api, ctx, `insert ${request.what}`, request.insert);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    const holder = await request.existing();
    if (!isOwned(holder.description, ctx.clusterName)) {
      throw new AlreadyExistsError(
        `${request.what} cannot be created: a resource of that name exists and is not cluster ${ctx.clusterName}'s`,
        'delete or rename that resource, or give the cluster another name',
      );
    }
    return undefined;
  }
}

export function isAlreadyExists(error: unknown): boolean {
  if (error instanceof OperationError) return error.errors.some((e) => e.code === 'RESOURCE_ALREADY_EXISTS');
  const {code, message = ''} = (typeof error === 'object' && error !== null ? error : {}) as {code?: unknown; message?: string};
  return (code === GRPC_ABORTED || code === 409) && /already exists/i.test(message);
}
