import {resourceKey} from '../provider/index.js';
import type {
  DesiredResource,
  ErrorClass,
  HandlerContext,
  ObservedResource,
  ResolvedResource,
  ResourceHandler,
} from '../provider/index.js';
import type {ApplyStep} from './apply-graph.js';
import {diffFields} from './diff-fields.js';
import {ModelError} from './errors.js';
import {resolveReferences} from './references.js';

/** What a step needs besides itself. */
export interface StepRuntime {
  readonly handler: ResourceHandler | undefined;
  readonly context: HandlerContext;
  /** Attributes of every resource known so far, by key; a create or update records its own. */
  readonly attributes: Map<string, Readonly<Record<string, string>>>;
  /** Runs one cloud call with the apply's retry policy. */
  readonly retry: <T>(call: () => Promise<T>) => Promise<T>;
  readonly classify: (error: unknown) => ErrorClass;
}

/** Carries out one step against the cloud; resolves to the ID of the resource it acted on. */
export async function runStep(step: ApplyStep, runtime: StepRuntime): Promise<string> {
  const {handler} = runtime;
  if (!handler) throw new ModelError(`no handler manages the kind "${step.change.kind}" of ${step.change.key}`);
  const {desired, observed} = step.change;
  if (step.action === 'delete') {
    if (!observed) throw new ModelError(`the plan deletes ${step.change.key} without saying what exists`);
    await deleteResource(handler, observed, runtime);
    return observed.id;
  }
  if (!desired) throw new ModelError(`the plan changes ${step.change.key} without a desired resource`);
  const resolved = resolveForApply(desired, runtime.attributes);
  let changed: ObservedResource;
  if (step.action === 'update') {
    if (!observed) throw new ModelError(`the plan updates ${step.change.key} without saying what exists`);
    // Values that were "known after apply" in the plan are known now, and may turn out equal.
    const changes = diffFields({desired: resolved.properties, observed: observed.properties, handler});
    if (changes.length === 0) return observed.id;
    const update = handler.update?.bind(handler);
    if (!update) throw new ModelError(`the plan updates ${step.change.key}, whose handler cannot update`);
    changed = await runtime.retry(() => update(runtime.context, observed, resolved, changes));
  } else {
    changed = await runtime.retry(() => handler.create(runtime.context, resolved));
  }
  const waitReady = handler.waitReady?.bind(handler);
  const ready = waitReady ? await runtime.retry(() => waitReady(runtime.context, changed)) : changed;
  runtime.attributes.set(resourceKey(desired), ready.attributes);
  return ready.id;
}

/** A resource that is already gone is deleted. */
async function deleteResource(
  handler: ResourceHandler,
  observed: ObservedResource,
  runtime: StepRuntime,
): Promise<void> {
  await runtime.retry(async () => {
    try {
      await handler.delete(runtime.context, observed);
    } catch (error) {
      if (runtime.classify(error) !== 'not-found') throw error;
    }
  });
}

/** The desired resource with every reference replaced by the current value of the attribute. */
function resolveForApply(
  desired: DesiredResource,
  attributes: ReadonlyMap<string, Readonly<Record<string, string>>>,
): ResolvedResource {
  const properties = resolveReferences(desired.properties, (target) => {
    const value = attributes.get(resourceKey(target))?.[target.attribute];
    if (value === undefined) {
      throw new ModelError(
        `${resourceKey(desired)} refers to ${resourceKey(target)}.${target.attribute}, which has no value`,
      );
    }
    return value;
  });
  return {...desired, properties: properties as ResolvedResource['properties']};
}
