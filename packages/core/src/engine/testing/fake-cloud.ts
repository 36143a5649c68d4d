/**
 * An in-memory cloud for the engine's own tests: handlers that keep resources in a map, record every
 * call with its start and end time, can be slow, and can fail chosen calls with a chosen ErrorClass.
 * It tests the ENGINE (ordering, concurrency, retries); real clouds are tested against their wire
 * simulators. Like a real cloud it refuses to delete a resource another one still refers to (by ID),
 * and to create one that refers to an ID that does not exist.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {resourceKey} from '../../provider/index.js';
import type {
  CloudConnection,
  ErrorClass,
  FieldChange,
  HandlerContext,
  ObservedResource,
  ResolvedResource,
  ResourceHandler,
} from '../../provider/index.js';

export type FakeOperation = 'list' | 'create' | 'update' | 'delete' | 'waitReady';

export interface FakeKindOptions {
  readonly replaceOn?: readonly string[];
  /** @default true */
  readonly updatable?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly sensitive?: readonly string[];
  /** Latency of every call for this kind. @default 0 */
  readonly latencyMs?: number;
  /** When set, the kind has `waitReady`, taking this long. */
  readonly readyAfterMs?: number;
}

export interface FakeCall {
  readonly op: FakeOperation;
  readonly kind: string;
  /** Empty for `list`. */
  readonly name: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
}

export interface FakeFailure {
  readonly op?: FakeOperation;
  readonly kind?: string;
  readonly name?: string;
  readonly errorClass: ErrorClass;
  /** The first matching call that fails, counting from 1. @default 1 */
  readonly nth?: number;
  /** How many matching calls in a row fail. @default 1 */
  readonly times?: number;
}

export class FakeCloudError extends Error {
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
  ) {
    super(message);
  }
}

interface FailureRule extends FakeFailure {
  seen: number;
}

export class FakeCloud {
  readonly calls: FakeCall[] = [];
  /** The most calls that were ever in flight at once. */
  maxInFlight = 0;
  readonly #kinds: Readonly<Record<string, FakeKindOptions>>;
  readonly #resources = new Map<string, ObservedResource>();
  readonly #failures: FailureRule[] = [];
  #inFlight = 0;
  #nextId = 1;

  constructor(kinds: Readonly<Record<string, FakeKindOptions>>) {
    this.#kinds = kinds;
  }

  /** Puts a resource in the cloud as if something else had created it. */
  seed(resource: {
    kind: string;
    name: string;
    properties?: Record<string, unknown>;
    lifecycle?: 'owned' | 'shared';
    id?: string;
  }): ObservedResource {
    const id = resource.id ?? this.#newId(resource.kind);
    const observed: ObservedResource = {
      kind: resource.kind,
      name: resource.name,
      id,
      properties: resource.properties ?? {},
      attributes: {id},
      lifecycle: resource.lifecycle ?? 'owned',
    };
    this.#resources.set(id, observed);
    return observed;
  }

  failCalls(failure: FakeFailure): void {
    this.#failures.push({...failure, seen: 0});
  }

  resources(kind?: string): ObservedResource[] {
    return [...this.#resources.values()].filter((r) => kind === undefined || r.kind === kind);
  }

  callsOf(op: FakeOperation, key?: string): FakeCall[] {
    return this.calls.filter((c) => c.op === op && (key === undefined || `${c.kind}/${c.name}` === key));
  }

  connection(): CloudConnection {
    return {
      handlers: Object.entries(this.#kinds).map(([kind, options]) => this.#handler(kind, options)),
      classifyError: (error) => (error instanceof FakeCloudError ? error.errorClass : 'fatal'),
      close: async () => {},
    };
  }

  #handler(kind: string, options: FakeKindOptions): ResourceHandler {
    const handler: ResourceHandler = {
      kind,
      replaceOn: options.replaceOn,
      deleteBeforeReplace: options.deleteBeforeReplace,
      sensitive: options.sensitive,
      list: () => this.#call({op: 'list', kind, name: ''}, () => this.resources(kind)),
      create: (_ctx, desired) => this.#call({op: 'create', kind, name: desired.name}, () => this.#create(desired)),
      delete: (_ctx, observed) =>
        this.#call({op: 'delete', kind, name: observed.name}, () => this.#delete(observed)),
    };
    const update = (
      _ctx: HandlerContext,
      observed: ObservedResource,
      desired: ResolvedResource,
      _changes: readonly FieldChange[],
    ) =>
      this.#call({op: 'update', kind, name: desired.name}, () => this.#update(observed, desired));
    const waitReady = (_ctx: HandlerContext, observed: ObservedResource) =>
      this.#call({op: 'waitReady', kind, name: observed.name}, async () => {
        await sleep(options.readyAfterMs ?? 0);
        return observed;
      });
    return {
      ...handler,
      ...(options.updatable === false ? {} : {update}),
      ...(options.readyAfterMs === undefined ? {} : {waitReady}),
    };
  }

  async #call<T>(
    call: {op: FakeOperation; kind: string; name: string},
    effect: () => T | Promise<T>,
  ): Promise<T> {
    const startedAt = performance.now();
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    let ok = false;
    try {
      await sleep(this.#kinds[call.kind]?.latencyMs ?? 0);
      const failure = this.#failureFor(call);
      if (failure) {
        throw new FakeCloudError(failure, `injected ${failure} error on ${call.op} ${call.kind}/${call.name}`);
      }
      const result = await effect();
      ok = true;
      return result;
    } finally {
      this.#inFlight--;
      this.calls.push({...call, startedAt, endedAt: performance.now(), ok});
    }
  }

  #failureFor(call: {op: FakeOperation; kind: string; name: string}): ErrorClass | undefined {
    for (const rule of this.#failures) {
      const matches = (field: 'op' | 'kind' | 'name') => (rule[field] ?? call[field]) === call[field];
      if (!matches('op') || !matches('kind') || !matches('name')) continue;
      rule.seen++;
      const first = rule.nth ?? 1;
      if (rule.seen >= first && rule.seen < first + (rule.times ?? 1)) return rule.errorClass;
    }
    return undefined;
  }

  #create(desired: ResolvedResource): ObservedResource {
    this.#requireReferencedIds(desired);
    return this.seed({kind: desired.kind, name: desired.name, properties: {...desired.properties}});
  }

  #update(observed: ObservedResource, desired: ResolvedResource): ObservedResource {
    this.#requireReferencedIds(desired);
    const current = this.#resources.get(observed.id);
    if (!current) throw new FakeCloudError('not-found', `${resourceKey(observed)} (${observed.id}) does not exist`);
    const updated = {...current, properties: {...current.properties, ...desired.properties}};
    this.#resources.set(observed.id, updated);
    return updated;
  }

  #delete(observed: ObservedResource): void {
    if (!this.#resources.has(observed.id)) {
      throw new FakeCloudError('not-found', `${resourceKey(observed)} (${observed.id}) does not exist`);
    }
    const user = [...this.#resources.values()].find((r) => idsIn(r.properties).includes(observed.id));
    if (user) throw new FakeCloudError('dependency', `${observed.id} is still used by ${user.id}`);
    this.#resources.delete(observed.id);
  }

  #requireReferencedIds(desired: ResolvedResource): void {
    const missing = idsIn(desired.properties).find((id) => !this.#resources.has(id));
    if (missing) {
      throw new FakeCloudError('not-found', `${resourceKey(desired)} refers to ${missing}, which does not exist`);
    }
  }

  #newId(kind: string): string {
    return `fake-${kind}-${this.#nextId++}`;
  }
}

/** The fake's IDs found in a value: every string starting with `fake-`. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('fake-') ? [value] : [];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(idsIn);
  return [];
}
