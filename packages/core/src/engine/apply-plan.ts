import type {DependencyGraph} from '../graph/index.js';
import {resourceKey} from '../provider/index.js';
import type {CloudConnection, ResourceHandler} from '../provider/index.js';
import {buildApplyGraph} from './apply-graph.js';
import type {ApplyStep} from './apply-graph.js';
import type {ApplyEvent, ApplyResult, ChangeFailure, ChangeSkip, StepInfo} from './apply-result.js';
import {runStep} from './apply-step.js';
import {ApplyError, errorMessage} from './errors.js';
import type {Change, Plan} from './plan.js';
import {DEFAULT_RETRY, withRetry} from './retry.js';
import type {RetryOptions} from './retry.js';

export interface ApplyOptions {
  readonly connection: CloudConnection;
  /** Passed to every handler call. */
  readonly clusterName: string;
  /**
   * Most steps in flight at once.
   * @default 10
   */
  readonly concurrency?: number;
  /** @default DEFAULT_RETRY */
  readonly retry?: Partial<RetryOptions>;
  /** Once aborted no step starts; running ones see the signal through their HandlerContext. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

type StepOutcome =
  | {readonly status: 'done'}
  | {readonly status: 'failed'; readonly message: string; readonly error: unknown}
  | {readonly status: 'skipped'; readonly reason: string};

/**
 * Carries out a plan. Each step starts as soon as everything it waits for is done (not in waves), at
 * most `concurrency` at a time, the ones with the longest chain of work behind them first. Retryable
 * errors are retried with backoff; a step that fails makes every step waiting on it skipped, reported
 * once each. Resolves with the result when every change is done, otherwise throws ApplyError carrying it.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const started = performance.now();
  const graph = buildApplyGraph(plan, (kind) => options.connection.handlers.find((h) => h.kind === kind));
  const outcomes = await new StepScheduler(graph, plan, options).run();
  const result = resultOf(plan, graph, outcomes, performance.now() - started);
  if (result.failed.length > 0 || result.skipped.length > 0) throw new ApplyError(result);
  return result;
}

class StepScheduler {
  readonly #graph: DependencyGraph<ApplyStep>;
  readonly #options: ApplyOptions;
  readonly #handlerOf: ReadonlyMap<string, ResourceHandler>;
  readonly #outcomes = new Map<string, StepOutcome>();
  readonly #waitingFor: Map<string, number>;
  readonly #ready: string[];
  readonly #heights: Map<string, number>;
  readonly #attributes = new Map<string, Readonly<Record<string, string>>>();
  readonly #signal: AbortSignal;
  readonly #retry: RetryOptions;
  readonly #emit: (event: ApplyEvent) => void;

  constructor(graph: DependencyGraph<ApplyStep>, plan: Plan, options: ApplyOptions) {
    this.#graph = graph;
    this.#options = options;
    this.#handlerOf = new Map(options.connection.handlers.map((h) => [h.kind, h]));
    const keys = graph.keys();
    this.#waitingFor = new Map(keys.map((k) => [k, graph.dependenciesOf(k).length]));
    this.#ready = keys.filter((k) => this.#waitingFor.get(k) === 0);
    this.#heights = graph.heights();
    this.#signal = options.signal ?? new AbortController().signal;
    this.#retry = {...DEFAULT_RETRY, ...options.retry};
    this.#emit = options.onEvent ?? (() => {});
    // References to resources this apply does not touch resolve to what discovery saw, or to the ID
    // the spec gave for a shared resource.
    for (const resource of plan.desired) {
      if (resource.id !== undefined) this.#attributes.set(resourceKey(resource), {id: resource.id});
    }
    for (const observed of plan.inventory.resources) this.#attributes.set(resourceKey(observed), observed.attributes);
  }

  async run(): Promise<Map<string, StepOutcome>> {
    this.#emit({type: 'begin', total: this.#graph.size});
    const limit = Math.max(1, this.#options.concurrency ?? 10);
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      while (inFlight.size < limit && this.#ready.length > 0 && !this.#signal.aborted) {
        const running: Promise<void> = this.#execute(this.#takeTallest()).then(() => {
          inFlight.delete(running);
        });
        inFlight.add(running);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    for (const id of this.#graph.keys()) {
      if (!this.#outcomes.has(id)) this.#finish(id, {status: 'skipped', reason: 'cancelled'});
    }
    return this.#outcomes;
  }

  /** The ready step with the most work behind it; ties go to the one that became ready first. */
  #takeTallest(): string {
    let best = 0;
    for (let i = 1; i < this.#ready.length; i++) {
      if ((this.#heights.get(this.#ready[i] as string) ?? 0) > (this.#heights.get(this.#ready[best] as string) ?? 0)) {
        best = i;
      }
    }
    return this.#ready.splice(best, 1)[0] as string;
  }

  async #execute(id: string): Promise<void> {
    const step = this.#graph.get(id);
    const info = stepInfo(step);
    this.#emit({type: 'start', step: info});
    const classify = (error: unknown) => this.#options.connection.classifyError(error);
    try {
      const cloudId = await runStep(step, {
        handler: this.#handlerOf.get(step.change.kind),
        context: {
          clusterName: this.#options.clusterName,
          signal: this.#signal,
          log: (message) => this.#emit({type: 'log', step: info, message}),
        },
        attributes: this.#attributes,
        classify,
        retry: (call) =>
          withRetry(call, {
            classify,
            retry: this.#retry,
            signal: this.#signal,
            onRetry: ({error, errorClass, attempt, delayMs}) => {
              const message = errorMessage(error);
              this.#emit({type: 'retry', step: info, errorClass, attempt: attempt + 1, delayMs, message});
            },
          }),
      });
      this.#emit({type: 'done', step: info, id: cloudId});
      this.#outcomes.set(id, {status: 'done'});
      for (const dependent of this.#graph.dependentsOf(id)) {
        const left = (this.#waitingFor.get(dependent) ?? 0) - 1;
        this.#waitingFor.set(dependent, left);
        if (left === 0) this.#ready.push(dependent);
      }
    } catch (error) {
      this.#emit({type: 'failed', step: info, message: errorMessage(error)});
      this.#outcomes.set(id, {status: 'failed', message: errorMessage(error), error});
      this.#skipDependentsOf(step);
    }
  }

  /** Everything that waits, directly or not, on a failed step will not run; each is reported once. */
  #skipDependentsOf(failed: ApplyStep): void {
    const reason = `depends on failed ${failed.change.key}`;
    const queue = this.#graph.dependentsOf(failed.id);
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (this.#outcomes.has(id)) continue;
      // The other half of a failed replace is part of that failure, not news.
      const quiet = this.#graph.get(id).change === failed.change;
      this.#finish(id, {status: 'skipped', reason}, {quiet});
      queue.push(...this.#graph.dependentsOf(id));
    }
  }

  #finish(id: string, outcome: StepOutcome & {status: 'skipped'}, options: {quiet?: boolean} = {}): void {
    this.#outcomes.set(id, outcome);
    if (!options.quiet) this.#emit({type: 'skipped', step: stepInfo(this.#graph.get(id)), reason: outcome.reason});
  }
}

function stepInfo(step: ApplyStep): StepInfo {
  return {action: step.action, key: step.change.key, kind: step.change.kind, name: step.change.name};
}

/** Per change: failed if one of its steps failed, skipped if one was skipped, done otherwise. */
function resultOf(
  plan: Plan,
  graph: DependencyGraph<ApplyStep>,
  outcomes: ReadonlyMap<string, StepOutcome>,
  elapsedMs: number,
): ApplyResult {
  const outcomesOf = new Map<Change, StepOutcome[]>();
  for (const id of graph.keys()) {
    const change = graph.get(id).change;
    const outcome = outcomes.get(id) ?? {status: 'skipped', reason: 'cancelled'};
    const known = outcomesOf.get(change);
    if (known) known.push(outcome);
    else outcomesOf.set(change, [outcome]);
  }
  const done: Change[] = [];
  const failed: ChangeFailure[] = [];
  const skipped: ChangeSkip[] = [];
  for (const change of plan.changes) {
    const steps = outcomesOf.get(change) ?? [];
    const failure = steps.find((o) => o.status === 'failed');
    const skip = steps.find((o) => o.status === 'skipped');
    if (failure?.status === 'failed') failed.push({change, message: failure.message, error: failure.error});
    else if (skip?.status === 'skipped') skipped.push({change, reason: skip.reason});
    else done.push(change);
  }
  return {done, failed, skipped, elapsedMs};
}
