import {isJson, records, str, strings, type Json} from '../json.js';
import {invalidField, requiredField, resourceInUse} from '../wire/google-error.js';
import {referencePath, selfLink} from '../wire/links.js';
import {resourcePath, type ComputeResource} from './compute-store.js';
import type {ComputeContext, CustomMethod, MethodCall, ResourceFamily} from './family.js';
import {managedInstances, recreateMember, removeMember} from './managed-groups.js';
import {resolveReference} from './references.js';
import {regionOfScope} from './scopes.js';
import {updatePoolInstances} from './target-pools.js';
import {listFilter} from './resource-handlers.js';
import {pageOf} from '../wire/paging.js';

/** Google's default for groups created without one: replace outdated instances proactively. */
const DEFAULT_UPDATE_POLICY = {
  type: 'PROACTIVE',
  minimalAction: 'REPLACE',
  replacementMethod: 'SUBSTITUTE',
  maxSurge: {fixed: 1, calculated: 1},
  maxUnavailable: {fixed: 1, calculated: 1},
};

const BASE_INSTANCE_NAME = /^[a-z](?:[-a-z0-9]{0,57})$/;

/**
 * Zonal managed instance groups. The group's members are created, deleted and replaced by the
 * reconciliation in managed-groups.ts; the methods here change what the group wants.
 */
export const instanceGroupManagers: ResourceFamily = {
  collection: 'instanceGroupManagers',
  kind: 'compute#instanceGroupManager',
  typeName: 'instance_group_manager',
  scopes: ['zone'],

  create(input, ctx) {
    const base = str(input.baseInstanceName);
    if (base === undefined) throw requiredField('resource.baseInstanceName');
    if (!BASE_INSTANCE_NAME.test(base)) throw invalidField('resource.baseInstanceName', base, "Must be a match of regex '[a-z][-a-z0-9]{0,57}'");
    if (input.targetSize === undefined) throw requiredField('resource.targetSize');
    const template = templateLink(ctx, input.instanceTemplate ?? records(input.versions)[0]?.instanceTemplate, 'resource.instanceTemplate');
    return {
      ...ctx.base,
      baseInstanceName: base,
      instanceTemplate: template,
      versions: [{instanceTemplate: template}],
      targetSize: groupSize(input.targetSize, 'resource.targetSize'),
      targetPools: poolLinks(ctx, input.targetPools),
      updatePolicy: {...DEFAULT_UPDATE_POLICY, ...(isJson(input.updatePolicy) ? input.updatePolicy : {})},
      ...(Array.isArray(input.namedPorts) ? {namedPorts: input.namedPorts} : {}),
      ...(Array.isArray(input.autoHealingPolicies) ? {autoHealingPolicies: input.autoHealingPolicies} : {}),
      instanceGroup: selfLink(resourcePath(ctx.project, ctx.scope, 'instanceGroups', String(input.name))),
      listManagedInstancesResults: str(input.listManagedInstancesResults) ?? 'PAGELESS',
      fingerprint: '',
    };
  },

  /** A backend service using the group's instance group blocks it; otherwise its instances go with it. */
  beforeDelete(group, ctx) {
    const service = ctx.state.compute.list('backendServices', group.project)
      .find((candidate) => records(candidate.body.backends).some((backend) => backend.group === group.body.instanceGroup));
    if (service) throw resourceInUse('instance_group', referencePath(String(group.body.instanceGroup), group.project), service.path);
    for (const name of [...ctx.state.managedGroups.members(group.path).keys()]) removeMember(ctx, group, name);
    ctx.state.managedGroups.forget(group.path);
  },

  patch(group, input, ctx) {
    if (input.targetSize !== undefined) group.body.targetSize = groupSize(input.targetSize, 'resource.targetSize');
    const template = input.instanceTemplate ?? records(input.versions)[0]?.instanceTemplate;
    if (template !== undefined) setTemplate(group, templateLink(ctx, template, 'resource.instanceTemplate'));
    if (isJson(input.updatePolicy)) group.body.updatePolicy = {...(group.body.updatePolicy as Json), ...input.updatePolicy};
    if (input.targetPools !== undefined) setPools(ctx, group, poolLinks(ctx, input.targetPools));
    for (const key of ['namedPorts', 'autoHealingPolicies', 'description'] as const) if (input[key] !== undefined) group.body[key] = input[key];
  },

  methods: {
    resize: {
      mutating: true,
      operationType: 'compute.instanceGroupManagers.resize',
      run(group, call) {
        group.body.targetSize = groupSize(call.query.get('size') ?? undefined, 'size');
      },
    },
    setInstanceTemplate: {
      mutating: true,
      operationType: 'compute.instanceGroupManagers.setInstanceTemplate',
      run(group, call) {
        setTemplate(group, templateLink(call, call.body.instanceTemplate, 'instanceTemplate'));
      },
    },
    setTargetPools: {
      mutating: true,
      operationType: 'compute.instanceGroupManagers.setTargetPools',
      run(group, call) {
        setPools(call, group, poolLinks(call, call.body.targetPools));
      },
    },
    recreateInstances: memberMethod('recreateInstances', (call, group, name) => recreateMember(call, group, name)),
    deleteInstances: memberMethod('deleteInstances', (call, group, name) => {
      removeMember(call, group, name);
      group.body.targetSize = Number(group.body.targetSize) - 1;
    }),
    abandonInstances: memberMethod('abandonInstances', (call, group, name) => {
      const link = selfLink(resourcePath(group.project, group.scope, 'instances', name));
      // Abandoned instances keep running but leave the target pools the group put them in.
      for (const pool of strings(group.body.targetPools)) {
        const found = call.state.compute.byLink(pool);
        if (found) updatePoolInstances(found, [], [link]);
      }
      removeMember(call, group, name, {keepInstance: true});
      group.body.targetSize = Number(group.body.targetSize) - 1;
    }),
    listManagedInstances: {
      mutating: false,
      run(group, call) {
        const page = pageOf(managedInstances(call.state, group).filter(listFilter(call.query)), (entry) => String(entry.name), call.query);
        return {managedInstances: page.items, ...(page.nextPageToken ? {nextPageToken: page.nextPageToken} : {})};
      },
    },
  },
};

/** A method taking `{instances: [urls]}`: every URL must name a member of the group. */
function memberMethod(method: string, apply: (call: MethodCall, group: ComputeResource, name: string) => void): CustomMethod {
  return {
    mutating: true,
    operationType: `compute.instanceGroupManagers.${method}`,
    run(group, call) {
      const members = call.state.managedGroups.members(group.path);
      const names = strings(call.body.instances).map((link, index) => {
        const path = referencePath(link, call.project);
        const name = path.slice(path.lastIndexOf('/') + 1);
        if (path !== resourcePath(group.project, group.scope, 'instances', name) || !members.has(name)) {
          throw invalidField(`instances[${index}]`, link, `The instance is not a member of the managed instance group '${group.name}'.`);
        }
        return name;
      });
      for (const name of names) apply(call, group, name);
    },
  };
}

function templateLink(ctx: ComputeContext, value: unknown, field: string): string {
  if (value === undefined) throw requiredField(field);
  return resolveReference(ctx, value, {field, collection: 'instanceTemplates'}).selfLink;
}

function setTemplate(group: ComputeResource, link: string): void {
  group.body.instanceTemplate = link;
  group.body.versions = [{instanceTemplate: link}];
}

function groupSize(value: unknown, field: string): number {
  const size = Number(value);
  if (value === undefined || value === null || !Number.isInteger(size) || size < 0) throw invalidField(field, value ?? '', 'Must be a whole number >= 0.');
  return size;
}

function poolLinks(ctx: ComputeContext, value: unknown): string[] {
  const region = `regions/${regionOfScope(ctx.scope)}` as const;
  return strings(value).map((link, index) => resolveReference(ctx, link, {field: `targetPools[${index}]`, collection: 'targetPools', scope: region}).selfLink);
}

/** New pools get the members at the next reconcile; pools no longer named lose them now. */
function setPools(ctx: ComputeContext, group: ComputeResource, pools: string[]): void {
  const members = [...ctx.state.managedGroups.members(group.path).keys()].map((name) => selfLink(resourcePath(group.project, group.scope, 'instances', name)));
  for (const old of strings(group.body.targetPools).filter((link) => !pools.includes(link))) {
    const pool = ctx.state.compute.byLink(old);
    if (pool) updatePoolInstances(pool, [], members);
  }
  group.body.targetPools = pools;
}
