/** A plan: what apply will do, and why. Produced by planChanges/planDeletion, read by apply and previews. */
import type {DesiredResource, FieldChange, ObservedResource} from '../provider/index.js';
import type {Inventory} from './inventory.js';

/** The closed set of actions; a resource that needs nothing is simply not in the plan. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete';

export interface Change {
  readonly action: ChangeAction;
  /**
   * Unique within the plan: the resource key `kind/name`, or `kind/name#id` for an extra copy of a key
   * (see Inventory.extras).
   */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  /** The cloud ID of the existing resource (update, replace, delete). */
  readonly id?: string;
  /** Per field, sorted by name; for a create every desired field with `before` undefined. */
  readonly fieldChanges: readonly FieldChange[];
  /** The changed fields that the cloud cannot change in place (replace only). */
  readonly replaceFields: readonly string[];
  /** Why, in words, so previews and logs can explain the change. */
  readonly reasons: readonly string[];
  /** What to create or update to (create, update, replace). */
  readonly desired?: DesiredResource;
  /** What exists (update, replace, delete). */
  readonly observed?: ObservedResource;
}

export interface Plan {
  /** Creates, updates and replaces in dependency order, then deletes. */
  readonly changes: readonly Change[];
  /** Differences kopsx will not act on (shared resources), for the user to know. */
  readonly warnings: readonly string[];
  /** The model the plan was made against; apply resolves references and orders deletes with it. */
  readonly desired: readonly DesiredResource[];
  /** What existed when planning; apply resolves references to unchanged resources from it. */
  readonly inventory: Inventory;
}

export interface PlanSummary {
  readonly create: number;
  /** Updates and replacements. */
  readonly modify: number;
  /** The replacements among `modify`. */
  readonly replace: number;
  readonly delete: number;
}

export function summarizePlan(plan: Plan): PlanSummary {
  const count = (...actions: ChangeAction[]): number => plan.changes.filter((c) => actions.includes(c.action)).length;
  return {
    create: count('create'),
    modify: count('update', 'replace'),
    replace: count('replace'),
    delete: count('delete'),
  };
}

/** Changes in the order users read them: creates, modifications, deletes, each sorted by key. */
export function changesForDisplay(plan: Plan): Change[] {
  const rank: Record<ChangeAction, number> = {create: 0, update: 1, replace: 1, delete: 2};
  return [...plan.changes].sort((a, b) => rank[a.action] - rank[b.action] || compareText(a.key, b.key));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
