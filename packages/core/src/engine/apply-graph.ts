import {DependencyGraph} from '../graph/index.js';
import {resourceKey} from '../provider/index.js';
import type {DesiredResource, ResourceHandler} from '../provider/index.js';
import type {StepAction} from './apply-result.js';
import type {Change, Plan} from './plan.js';
import {dependencyKeys} from './references.js';

export interface ApplyStep {
  /** `action key`, e.g. `create subnet/a`; unique in the graph. */
  readonly id: string;
  readonly action: StepAction;
  readonly change: Change;
}

/** `[node, dependency]`: node waits for dependency. */
type Edge = readonly [string, string];

/**
 * The steps of a plan and what each waits for. Built in three passes:
 *
 * 1. One step per create/update/delete; a replace becomes a create and a delete of the old resource,
 *    the delete after the create (create-before-delete: dependents move to the new resource first), or
 *    before it when the handler says `deleteBeforeReplace`.
 * 2. Required edges: a create/update waits for the create/update of everything its desired resource
 *    refers to, since it needs their IDs.
 * 3. Ordering hints for deletes, because the cloud refuses to delete what is still in use:
 *    a delete waits for the deletes of what refers to it, and for the creates/updates that could still
 *    refer to it (so they have moved away first). "Refers to" is known three ways: the existing
 *    resource's properties mention the other's ID; the desired model has a reference between the two
 *    keys; or the model has references from one kind to the other (which covers resources no longer in
 *    the model).
 *    Hints can contradict each other or a required edge; every hint inside a cycle is dropped, and the
 *    retries of `dependency` errors take care of what that leaves unordered.
 */
export function buildApplyGraph(
  plan: Plan,
  handlerOf: (kind: string) => Pick<ResourceHandler, 'deleteBeforeReplace'> | undefined,
): DependencyGraph<ApplyStep> {
  const graph = new DependencyGraph<ApplyStep>();
  /** Desired key → the create/update step that makes it current. */
  const writers = new Map<string, ApplyStep>();
  const deletes: ApplyStep[] = [];
  /** Deletes that run before their own replacement exists, so they cannot wait for writers. */
  const deletesFirst = new Set<string>();
  const add = (action: StepAction, change: Change): ApplyStep => {
    const step = {id: `${action} ${change.key}`, action, change};
    graph.addNode(step.id, step);
    return step;
  };
  for (const change of plan.changes) {
    if (change.action === 'delete') deletes.push(add('delete', change));
    if (change.action === 'create' || change.action === 'update') writers.set(change.key, add(change.action, change));
    if (change.action === 'replace') {
      const create = add('create', change);
      const remove = add('delete', change);
      writers.set(change.key, create);
      deletes.push(remove);
      if (handlerOf(change.kind)?.deleteBeforeReplace) {
        graph.addDependency(create.id, remove.id);
        deletesFirst.add(remove.id);
      } else {
        graph.addDependency(remove.id, create.id);
      }
    }
  }

  const desiredOf = new Map(plan.desired.map((r) => [resourceKey(r), r]));
  for (const [key, writer] of writers) {
    for (const dependency of dependencyKeysOf(desiredOf.get(key))) {
      const needed = writers.get(dependency);
      if (needed) graph.addDependency(writer.id, needed.id);
    }
  }

  const writerSteps = [...writers.values()];
  addHints(graph, deleteOrderHints({desired: plan.desired, desiredOf, writers: writerSteps, deletes, deletesFirst}));
  return graph;
}

interface HintInput {
  readonly desired: readonly DesiredResource[];
  readonly desiredOf: ReadonlyMap<string, DesiredResource>;
  readonly writers: readonly ApplyStep[];
  readonly deletes: readonly ApplyStep[];
  readonly deletesFirst: ReadonlySet<string>;
}

function deleteOrderHints({desired, desiredOf, writers, deletes, deletesFirst}: HintInput): Edge[] {
  const kindRefs = referencedKinds(desired);
  const deleteOfKey = new Map(deletes.map((s) => [s.change.key, s.id]));
  const deleteOfId = new Map(deletes.flatMap((s) => (s.change.observed ? [[s.change.observed.id, s.id]] : [])));
  const deletesOfKind = groupBy(deletes, (s) => s.change.kind);
  /** The delete steps of what the resource of a change may refer to. */
  const targetsOf = ({kind, key, observed}: Change): string[] => [
    ...[...(kindRefs.get(kind) ?? [])].flatMap((k) => (deletesOfKind.get(k) ?? []).map((s) => s.id)),
    ...dependencyKeysOf(desiredOf.get(key)).flatMap((k) => deleteOfKey.get(k) ?? []),
    ...stringsIn(observed?.properties).flatMap((id) => deleteOfId.get(id) ?? []),
  ];

  const hints: Edge[] = [];
  for (const referrer of deletes) {
    for (const target of targetsOf(referrer.change)) hints.push([target, referrer.id]);
  }
  for (const writer of writers) {
    for (const target of targetsOf(writer.change)) if (!deletesFirst.has(target)) hints.push([target, writer.id]);
  }
  return hints.filter(([node, dependency]) => node !== dependency);
}

/**
 * Kind → the other kinds its resources refer to in the desired model. Kinds that refer to each other
 * (a cycle) get no order between them.
 */
function referencedKinds(desired: readonly DesiredResource[]): Map<string, Set<string>> {
  const kinds = new DependencyGraph<null>();
  const kindOf = new Map(desired.map((r) => [resourceKey(r), r.kind]));
  for (const kind of new Set(kindOf.values())) kinds.addNode(kind, null);
  const edges: Edge[] = desired.flatMap((r) =>
    dependencyKeys(r).flatMap((key): Edge[] => {
      const target = kindOf.get(key);
      return target && target !== r.kind ? [[r.kind, target]] : [];
    }),
  );
  addHints(kinds, edges);
  return new Map(kinds.keys().map((kind) => [kind, new Set(kinds.dependenciesOf(kind))]));
}

/**
 * Adds edges that are wanted but not required, then removes those that ended up inside a cycle. What
 * remains is acyclic as long as the required edges were.
 */
function addHints<T>(graph: DependencyGraph<T>, hints: readonly Edge[]): void {
  const added = hints.filter(([node, dependency]) => {
    if (graph.hasDependency(node, dependency)) return false;
    graph.addDependency(node, dependency);
    return true;
  });
  const componentOf = new Map<string, number>();
  graph.stronglyConnectedComponents().forEach((members, index) => {
    if (members.length > 1) for (const member of members) componentOf.set(member, index);
  });
  for (const [node, dependency] of added) {
    const component = componentOf.get(node);
    if (component !== undefined && component === componentOf.get(dependency)) graph.removeDependency(node, dependency);
  }
}

function dependencyKeysOf(resource: DesiredResource | undefined): string[] {
  return resource ? dependencyKeys(resource) : [];
}

/** Every string inside a JSON-like value (where an observed resource keeps the IDs it refers to). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
