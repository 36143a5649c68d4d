import {resourceKey} from '../provider/index.js';
import type {DesiredResource, ObservedResource} from '../provider/index.js';
import type {Inventory} from './inventory.js';
import type {Change, Plan} from './plan.js';

export interface PlanDeletionInput {
  readonly inventory: Inventory;
  /**
   * The cluster's model, when it can still be built: apply derives from it which kinds refer to which,
   * so that a delete waits for the deletes of what referred to it.
   */
  readonly desired?: readonly DesiredResource[];
}

/**
 * A plan deleting every resource the cluster owns. Shared resources (given by ID in the spec) are
 * never in it; resources of other clusters never reach the inventory in the first place.
 */
export function planDeletion({inventory, desired = []}: PlanDeletionInput): Plan {
  const changes = ownedDeletes(inventory, {keep: () => false, reason: 'the cluster is being deleted'});
  return {changes, warnings: [], desired, inventory};
}

export interface OwnedDeletesOptions {
  /** Resource keys that stay. */
  readonly keep: (key: string) => boolean;
  /** Why the others go. */
  readonly reason: string;
}

/** Delete changes for the owned resources not kept, and for every owned extra copy of a key. */
export function ownedDeletes(inventory: Inventory, options: OwnedDeletesOptions): Change[] {
  const orphans = inventory.resources
    .filter((r) => r.lifecycle === 'owned' && !options.keep(resourceKey(r)))
    .map((r) => deleteChange(r, resourceKey(r), options.reason));
  const extras = inventory.extras
    .filter((r) => r.lifecycle === 'owned')
    .map((r) => {
      const kept = inventory.get(resourceKey(r));
      return deleteChange(r, `${resourceKey(r)}#${r.id}`, `duplicate of ${resourceKey(r)} (${kept?.id ?? '?'})`);
    });
  return [...orphans, ...extras];
}

function deleteChange(observed: ObservedResource, key: string, reason: string): Change {
  return {
    action: 'delete',
    key,
    kind: observed.kind,
    name: observed.name,
    id: observed.id,
    fieldChanges: [],
    replaceFields: [],
    reasons: [reason],
    observed,
  };
}
