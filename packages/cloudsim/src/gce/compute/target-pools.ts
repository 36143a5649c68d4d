import {records, str, strings} from '../json.js';
import {GoogleApiError, invalidField} from '../wire/google-error.js';
import {referencePath, selfLink} from '../wire/links.js';
import type {ComputeResource} from './compute-store.js';
import type {ComputeContext, CustomMethod, ResourceFamily} from './family.js';
import {resolveReference} from './references.js';
import {regionOfScope} from './scopes.js';

/** Target pools: the instances behind an external passthrough load balancer, checked by a legacy HTTP health check. */
export const targetPools: ResourceFamily = {
  collection: 'targetPools',
  kind: 'compute#targetPool',
  typeName: 'target_pool',
  scopes: ['region'],
  inUseBy: ['forwardingRules', 'instanceGroupManagers'],

  create(input, ctx) {
    const instances = strings(input.instances).map((link, index) => poolInstance(ctx, link, `resource.instances[${index}]`));
    const checks = strings(input.healthChecks).map((link) => healthCheck(ctx, link));
    if (checks.length > 1) throw invalidField('resource.healthChecks', input.healthChecks, 'A target pool takes at most one health check.');
    return {
      ...ctx.base,
      ...(instances.length > 0 ? {instances} : {}),
      ...(checks.length > 0 ? {healthChecks: checks} : {}),
      sessionAffinity: str(input.sessionAffinity) ?? 'NONE',
    };
  },

  methods: {
    addInstance: membership('instances', (ctx, link, index) => poolInstance(ctx, link, `instances[${index}].instance`), true),
    removeInstance: membership('instances', canonicalLink, false),
    addHealthCheck: membership('healthChecks', healthCheck, true),
    removeHealthCheck: membership('healthChecks', canonicalLink, false),
  },
};

/** `addInstance`/`removeInstance`/`addHealthCheck`/`removeHealthCheck`: bodies list `{instance}` or `{healthCheck}`. */
function membership(field: 'instances' | 'healthChecks', resolve: (ctx: ComputeContext, link: string, index: number) => string, add: boolean): CustomMethod {
  const key = field === 'instances' ? 'instance' : 'healthCheck';
  return {
    mutating: true,
    run(pool, call) {
      const links = records(call.body[field]).map((item, index) => resolve(call, String(item[key] ?? ''), index));
      const current = strings(pool.body[field]);
      const next = add ? [...current, ...links.filter((link) => !current.includes(link))] : current.filter((link) => !links.includes(link));
      if (field === 'healthChecks' && next.length > 1) throw new GoogleApiError(400, 'invalid', 'A target pool takes at most one health check.');
      if (next.length > 0) pool.body[field] = next;
      else delete pool.body[field];
    },
  };
}

/** Removals need not resolve: a link to an instance that is gone must still be removable. */
function canonicalLink(ctx: ComputeContext, link: string): string {
  return selfLink(referencePath(link, ctx.project));
}

function poolInstance(ctx: ComputeContext, link: string, field: string): string {
  const instance = resolveReference(ctx, link, {field, collection: 'instances'});
  if (regionOfScope(instance.scope) !== regionOfScope(ctx.scope)) throw invalidField(field, link, 'The instance must be in the target pool\'s region.');
  return instance.selfLink;
}

function healthCheck(ctx: ComputeContext, link: string): string {
  return resolveReference(ctx, link, {field: 'resource.healthChecks', collection: 'httpHealthChecks'}).selfLink;
}

/** Keeps a pool's instance list in step: `add` and `remove` are instance links. */
export function updatePoolInstances(pool: ComputeResource, add: readonly string[], remove: readonly string[]): void {
  const current = strings(pool.body.instances).filter((link) => !remove.includes(link));
  const next = [...current, ...add.filter((link) => !current.includes(link))];
  if (next.length > 0) pool.body.instances = next;
  else delete pool.body.instances;
}
