/**
 * The preview of `kopsx rolling-update cluster`: per instance group, which instances run an outdated
 * configuration (or all of them, with `force`), in the order the update will take the groups.
 */
import {NotFoundError} from '../errors.js';
import type {ClusterBundle, InstanceGroupRole, RollingUpdateSpec} from '../model/index.js';
import type {CloudInstanceGroup} from '../provider/index.js';
import {mergeRollingUpdateSpec, orderGroups} from './rolling-update-budget.js';
import {openClusterSession} from './validate-session.js';
import type {ClusterSession, ClusterSessionOptions} from './validate-session.js';

export interface PlannedInstance {
  readonly id: string;
  readonly nodeName?: string;
  readonly needsUpdate: boolean;
  /** Left detached by an interrupted update: its replacement runs already. */
  readonly detached: boolean;
}

/** One row of the preview (kOps' columns, plus the role) and the instances behind it. */
export interface GroupUpdatePlan {
  readonly name: string;
  readonly role: InstanceGroupRole;
  readonly status: 'NeedsUpdate' | 'Ready';
  readonly needUpdate: number;
  /** Instances that are up to date. */
  readonly ready: number;
  readonly min: number;
  /** The size the cloud keeps the group at. */
  readonly target: number;
  readonly max: number;
  readonly instances: readonly PlannedInstance[];
  /** The group's rolling-update settings over the cluster's. */
  readonly settings: RollingUpdateSpec;
}

export interface GroupSelection {
  /** Mark every instance as needing update. */
  readonly force?: boolean;
  /** Only these instance groups (by name). */
  readonly instanceGroups?: readonly string[];
  /** Only groups of these roles. */
  readonly instanceGroupRoles?: readonly InstanceGroupRole[];
}

export interface PlanRollingUpdateOptions extends ClusterSessionOptions, GroupSelection {}

/** A previewed update holding an open session: pass it to `rollingUpdate`, or `session.close()` it. */
export interface RollingUpdatePlan {
  readonly session: ClusterSession;
  /** In update order. */
  readonly groups: readonly GroupUpdatePlan[];
  /** Some selected group has an instance to replace. */
  readonly needsUpdate: boolean;
}

/** Reads the cluster's instance groups from the cloud and plans. Changes nothing. */
export async function planRollingUpdate(options: PlanRollingUpdateOptions): Promise<RollingUpdatePlan> {
  const session = await openClusterSession(options);
  try {
    const groups = planGroups(session.bundle, await session.instanceGroups.list(options.signal), options);
    return {session, groups, needsUpdate: groups.some((g) => g.needUpdate > 0)};
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** The plan of each selected group from what the cloud reports. Throws NotFoundError for an unknown group name. */
export function planGroups(bundle: ClusterBundle, cloud: readonly CloudInstanceGroup[], selection: GroupSelection = {}): GroupUpdatePlan[] {
  const clusterName = bundle.cluster.metadata.name;
  const unknown = (selection.instanceGroups ?? []).filter((name) => !bundle.instanceGroups.some((ig) => ig.metadata.name === name));
  if (unknown.length > 0) {
    throw new NotFoundError(
      `instance group${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} not found in cluster "${clusterName}"`,
      'list them with "kopsx get instancegroups"',
    );
  }
  const selected = bundle.instanceGroups.filter(
    (ig) =>
      (selection.instanceGroups === undefined || selection.instanceGroups.includes(ig.metadata.name)) &&
      (selection.instanceGroupRoles === undefined || selection.instanceGroupRoles.includes(ig.spec.role)),
  );
  const plans = selected.map((ig): GroupUpdatePlan => {
    const group = cloud.find((g) => g.name === ig.metadata.name);
    const instances = (group?.instances ?? [])
      .filter((i) => i.status === 'pending' || i.status === 'running')
      .map((i): PlannedInstance => ({
        id: i.id,
        ...(i.nodeName === undefined ? {} : {nodeName: i.nodeName}),
        needsUpdate: Boolean(selection.force || i.needsUpdate || i.detached),
        detached: i.detached ?? false,
      }));
    const needUpdate = instances.filter((i) => i.needsUpdate).length;
    return {
      name: ig.metadata.name,
      role: ig.spec.role,
      status: needUpdate > 0 ? 'NeedsUpdate' : 'Ready',
      needUpdate,
      ready: instances.length - needUpdate,
      min: group?.minSize ?? ig.spec.minSize,
      target: group?.desiredSize ?? 0,
      max: group?.maxSize ?? ig.spec.maxSize,
      instances,
      settings: mergeRollingUpdateSpec(bundle.cluster.spec.rollingUpdate, ig.spec.rollingUpdate),
    };
  });
  return orderGroups(plans);
}
