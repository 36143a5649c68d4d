import type {Json} from '../json.js';
import {numericId, operationName, timestamp} from '../wire/ids.js';
import {selfLink} from '../wire/links.js';
import {scopeType, type ScopeKey} from './scopes.js';

/** Why an accepted operation ended in error (quota, ...): Google reports it inside the DONE operation. */
export class OperationFailure extends Error {
  constructor(
    /** Google's code: `QUOTA_EXCEEDED`, `RESOURCE_NOT_FOUND`, ... */
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

export interface OperationRecord {
  readonly project: string;
  readonly scope: ScopeKey;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  /** `insert`, `delete`, `patch`, `setLabels`, `compute.instanceGroupManagers.resize`, ... */
  readonly operationType: string;
  readonly targetLink: string;
  readonly targetId?: string;
  readonly insertTime: number;
  /** The operation reports DONE from this clock time on. */
  readonly doneAt: number;
  readonly failure?: OperationFailure;
}

export interface NewOperation {
  readonly project: string;
  readonly scope: ScopeKey;
  readonly operationType: string;
  readonly targetLink: string;
  readonly targetId?: string;
  readonly failure?: OperationFailure;
}

/** Who the operations say started them. */
export const SIM_GCE_USER = 'kopsx@kopsx-sim.iam.gserviceaccount.com';

const HTTP_REASONS: Readonly<Record<number, string>> = {400: 'BAD REQUEST', 403: 'FORBIDDEN', 404: 'NOT FOUND', 409: 'CONFLICT'};

/**
 * Zonal, regional and global operations. The change an operation describes is made when it is accepted;
 * the operation itself reports RUNNING until `doneAt`, then DONE (with `error` when it failed).
 */
export class OperationStore {
  readonly #operations = new Map<string, OperationRecord>();

  create(operation: NewOperation, now: number, delayMs: number): OperationRecord {
    const name = operationName(now);
    const path = `projects/${operation.project}/${operation.scope}/operations/${name}`;
    const record: OperationRecord = {...operation, name, path, id: numericId(), insertTime: now, doneAt: now + delayMs};
    this.#operations.set(path, record);
    return record;
  }

  get(path: string): OperationRecord | undefined {
    return this.#operations.get(path);
  }

  delete(path: string): void {
    this.#operations.delete(path);
  }

  list(project: string, scope: ScopeKey): OperationRecord[] {
    return [...this.#operations.values()].filter((operation) => operation.project === project && operation.scope === scope);
  }

  clear(): void {
    this.#operations.clear();
  }
}

export function renderOperation(operation: OperationRecord, now: number): Json {
  const done = now >= operation.doneAt;
  const type = scopeType(operation.scope);
  const failure = done ? operation.failure : undefined;
  return {
    kind: 'compute#operation',
    id: operation.id,
    name: operation.name,
    operationType: operation.operationType,
    targetLink: operation.targetLink,
    ...(operation.targetId === undefined ? {} : {targetId: operation.targetId}),
    status: done ? 'DONE' : 'RUNNING',
    user: SIM_GCE_USER,
    progress: done ? 100 : 0,
    insertTime: timestamp(operation.insertTime),
    startTime: timestamp(operation.insertTime),
    ...(done ? {endTime: timestamp(operation.doneAt)} : {}),
    ...(failure === undefined ? {} : {
      error: {errors: [{code: failure.code, message: failure.message}]},
      httpErrorStatusCode: failure.httpStatus,
      httpErrorMessage: HTTP_REASONS[failure.httpStatus] ?? 'ERROR',
    }),
    ...(type === 'zone' ? {zone: selfLink(`projects/${operation.project}/${operation.scope}`)} : {}),
    ...(type === 'region' ? {region: selfLink(`projects/${operation.project}/${operation.scope}`)} : {}),
    selfLink: selfLink(operation.path),
  };
}
