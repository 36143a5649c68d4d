import type {GceState} from '../gce-state.js';
import {clone, isJson, records, strings, type Json} from '../json.js';
import {GoogleApiError} from '../wire/google-error.js';
import {randomSuffix} from '../wire/ids.js';
import {referencePath, selfLink} from '../wire/links.js';
import {resourcePath, type ComputeResource} from './compute-store.js';
import type {ComputeContext} from './family.js';
import {deleteInstance, instances} from './instances.js';
import {OperationFailure} from './operations.js';
import {createResource} from './resource-handlers.js';
import {updatePoolInstances} from './target-pools.js';

/** What a managed instance is doing: Google's `currentAction`, for the actions the simulator has. */
export type MemberAction = 'NONE' | 'CREATING' | 'RECREATING';

export interface Member {
  action: MemberAction;
  /** Why the last attempt to create the instance failed (quota, a template for another region, ...). */
  lastError?: {readonly code: string; readonly message: string};
}

/** The members of every managed instance group, by group path then instance name. */
export class ManagedGroups {
  readonly #groups = new Map<string, Map<string, Member>>();

  members(groupPath: string): Map<string, Member> {
    let members = this.#groups.get(groupPath);
    if (!members) {
      members = new Map();
      this.#groups.set(groupPath, members);
    }
    return members;
  }

  forget(groupPath: string): void {
    this.#groups.delete(groupPath);
  }

  clear(): void {
    this.#groups.clear();
  }
}

/** Metadata keys Google sets on the instances of a group, and by which the template of each is known. */
const TEMPLATE_KEY = 'instance-template';
const CREATED_BY_KEY = 'created-by';

/**
 * Makes every managed instance group converge: instances are created or deleted to match `targetSize`
 * (scale-in removes failed, not-running and outdated instances first, then the newest), missing members
 * are recreated, PROACTIVE groups replace outdated instances `maxUnavailable` at a time, members join
 * the group's target pools, and `currentActions`/`status` are brought up to date.
 */
export function reconcileManagedGroups(state: GceState): void {
  for (const group of state.compute.all()) {
    if (group.collection === 'instanceGroupManagers') reconcileGroup(state, group);
  }
}

function reconcileGroup(state: GceState, group: ComputeResource): void {
  const ctx: ComputeContext = {state, project: group.project, scope: group.scope, now: state.now()};
  const members = state.managedGroups.members(group.path);
  const targetSize = Number(group.body.targetSize);
  while (members.size < targetSize) members.set(newMemberName(state, group, members), {action: 'CREATING'});
  for (const name of scaleInOrder(state, group, members).slice(0, Math.max(0, members.size - targetSize))) removeMember(ctx, group, name);
  if (isJson(group.body.updatePolicy) && group.body.updatePolicy.type === 'PROACTIVE') replaceOutdated(ctx, group, members);
  for (const [name, member] of members) {
    const instance = memberInstance(state, group, name);
    if (!instance) {
      // A member whose instance vanished (deleted behind the group's back) is recreated: autohealing.
      if (member.action === 'NONE') member.action = 'RECREATING';
      createMember(state, group, name, member);
    } else if (instance.body.status === 'RUNNING') member.action = 'NONE';
  }
  const links = [...members.keys()].map((name) => memberInstance(state, group, name)?.selfLink).filter((link) => link !== undefined);
  for (const pool of strings(group.body.targetPools)) {
    const found = state.compute.byLink(pool);
    if (found) updatePoolInstances(found, links, []);
  }
  group.body.currentActions = currentActions(members);
  group.body.status = groupStatus(state, group, members, targetSize);
}

export function memberInstance(state: GceState, group: ComputeResource, name: string): ComputeResource | undefined {
  return state.compute.get(resourcePath(group.project, group.scope, 'instances', name));
}

/** The template an instance was made from, as the link `listManagedInstances` reports in `version`. */
export function instanceTemplateOf(instance: ComputeResource): string | undefined {
  const items = isJson(instance.body.metadata) ? records(instance.body.metadata.items) : [];
  const value = items.find((item) => item.key === TEMPLATE_KEY)?.value;
  return typeof value === 'string' ? selfLink(referencePath(value, instance.project)) : undefined;
}

function newMemberName(state: GceState, group: ComputeResource, members: Map<string, Member>): string {
  for (;;) {
    const name = `${String(group.body.baseInstanceName)}-${randomSuffix(4)}`;
    if (!members.has(name) && !memberInstance(state, group, name)) return name;
  }
}

function isOutdated(state: GceState, group: ComputeResource, name: string): boolean {
  const instance = memberInstance(state, group, name);
  return instance !== undefined && instanceTemplateOf(instance) !== group.body.instanceTemplate;
}

function scaleInOrder(state: GceState, group: ComputeResource, members: Map<string, Member>): string[] {
  const rank = (name: string) => {
    const instance = memberInstance(state, group, name);
    if (!instance) return 0;
    if (instance.body.status !== 'RUNNING') return 1;
    return isOutdated(state, group, name) ? 2 : 3;
  };
  const created = (name: string) => memberInstance(state, group, name)?.createdAt ?? Infinity;
  return [...members.keys()].sort((a, b) => rank(a) - rank(b) || created(b) - created(a));
}

/** Takes a member out of the group; its instance is deleted unless `keepInstance` (abandon). */
export function removeMember(ctx: ComputeContext, group: ComputeResource, name: string, options: {readonly keepInstance?: boolean} = {}): void {
  const instance = memberInstance(ctx.state, group, name);
  if (instance && !options.keepInstance) deleteInstance(ctx, instance);
  ctx.state.managedGroups.members(group.path).delete(name);
}

/** Deletes a member's instance; the next reconcile creates it again, same name, from the current template. */
export function recreateMember(ctx: ComputeContext, group: ComputeResource, name: string): void {
  const instance = memberInstance(ctx.state, group, name);
  if (instance) deleteInstance(ctx, instance);
  const member = ctx.state.managedGroups.members(group.path).get(name);
  if (member) member.action = 'RECREATING';
}

function replaceOutdated(ctx: ComputeContext, group: ComputeResource, members: Map<string, Member>): void {
  const policy = group.body.updatePolicy as Json;
  const maxUnavailable = isJson(policy.maxUnavailable) && typeof policy.maxUnavailable.fixed === 'number' ? policy.maxUnavailable.fixed : 1;
  let budget = Math.max(1, maxUnavailable) - [...members.values()].filter((member) => member.action !== 'NONE').length;
  for (const [name, member] of members) {
    if (budget <= 0) return;
    if (member.action === 'NONE' && isOutdated(ctx.state, group, name)) {
      recreateMember(ctx, group, name);
      budget -= 1;
    }
  }
}

function createMember(state: GceState, group: ComputeResource, name: string, member: Member): void {
  const template = state.compute.byLink(group.body.instanceTemplate);
  if (!template || !isJson(template.body.properties)) {
    member.lastError = {code: 'RESOURCE_NOT_FOUND', message: `The resource '${String(group.body.instanceTemplate)}' was not found`};
    return;
  }
  const properties = clone(template.body.properties);
  const items = isJson(properties.metadata) ? records(properties.metadata.items) : [];
  const metadata = {
    items: [
      ...items.filter((item) => item.key !== TEMPLATE_KEY && item.key !== CREATED_BY_KEY),
      {key: TEMPLATE_KEY, value: template.path},
      {key: CREATED_BY_KEY, value: group.path},
    ],
  };
  try {
    createResource(state, {family: instances, project: group.project, scope: group.scope, input: {...properties, name, metadata}});
    delete member.lastError;
  } catch (error) {
    if (error instanceof OperationFailure) member.lastError = {code: error.code, message: error.message};
    else if (error instanceof GoogleApiError) member.lastError = {code: error.reason, message: error.message};
    else throw error;
  }
}

function currentActions(members: Map<string, Member>): Json {
  const count = (action: MemberAction) => [...members.values()].filter((member) => member.action === action).length;
  return {
    abandoning: 0, creating: count('CREATING'), creatingWithoutRetries: 0, deleting: 0, none: count('NONE'),
    recreating: count('RECREATING'), refreshing: 0, restarting: 0, resuming: 0, starting: 0, stopping: 0, suspending: 0, verifying: 0,
  };
}

function groupStatus(state: GceState, group: ComputeResource, members: Map<string, Member>, targetSize: number): Json {
  const settled = [...members.values()].every((member) => member.action === 'NONE');
  const current = [...members.keys()].every((name) => !isOutdated(state, group, name) && memberInstance(state, group, name) !== undefined);
  return {
    isStable: settled && members.size === targetSize,
    versionTarget: {isReached: current},
    stateful: {hasStatefulConfig: false, perInstanceConfigs: {allEffective: true}},
    allInstancesConfig: {effective: true},
  };
}

/** `listManagedInstances` entries: each member with its instance, status, action and template version. */
export function managedInstances(state: GceState, group: ComputeResource): Json[] {
  const members = state.managedGroups.members(group.path);
  return [...members.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, member]) => {
    const instance = memberInstance(state, group, name);
    return {
      instance: selfLink(resourcePath(group.project, group.scope, 'instances', name)),
      name,
      ...(instance ? {id: instance.body.id, instanceStatus: instance.body.status} : {}),
      currentAction: member.action,
      version: {instanceTemplate: (instance ? instanceTemplateOf(instance) : undefined) ?? group.body.instanceTemplate},
      ...(member.lastError ? {lastAttempt: {errors: {errors: [member.lastError]}}} : {}),
    };
  });
}
