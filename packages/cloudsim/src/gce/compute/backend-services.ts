import {referencePath} from '../wire/links.js';
import {records, str, strings, type Json} from '../json.js';
import {invalidField, notFound} from '../wire/google-error.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {resolveReference} from './references.js';

/** Regional backend services: managed instance groups (by their instance group) behind health checks. */
export const backendServices: ResourceFamily = {
  collection: 'backendServices',
  kind: 'compute#backendService',
  typeName: 'backend_service',
  scopes: ['region'],
  inUseBy: ['forwardingRules'],

  create(input, ctx) {
    return {
      ...ctx.base,
      ...serviceFields(input, ctx),
      connectionDraining: {drainingTimeoutSec: 300},
      fingerprint: '',
    };
  },

  patch(service, input, ctx) {
    Object.assign(service.body, serviceFields({...service.body, ...input}, ctx));
  },

  update(service, input, ctx) {
    delete service.body.backends;
    Object.assign(service.body, serviceFields(input, ctx));
  },
};

function serviceFields(input: Json, ctx: ComputeContext): Json {
  const healthChecks = strings(input.healthChecks).map((link, index) =>
    resolveReference(ctx, link, {field: `resource.healthChecks[${index}]`, collection: 'healthChecks', scope: ctx.scope}).selfLink);
  const backends = records(input.backends).map((backend, index) => ({
    ...backend,
    group: instanceGroup(ctx, backend.group, `resource.backends[${index}].group`),
    balancingMode: str(backend.balancingMode) ?? 'CONNECTION',
  }));
  return {
    protocol: str(input.protocol) ?? 'TCP',
    loadBalancingScheme: str(input.loadBalancingScheme) ?? 'INTERNAL',
    ...(healthChecks.length > 0 ? {healthChecks} : {}),
    ...(backends.length > 0 ? {backends} : {}),
    sessionAffinity: str(input.sessionAffinity) ?? 'NONE',
    timeoutSec: typeof input.timeoutSec === 'number' ? input.timeoutSec : 30,
  };
}

/** A backend group is the instance group of a managed instance group (`zones/Z/instanceGroups/<group name>`). */
function instanceGroup(ctx: ComputeContext, value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidField(field, value ?? '', 'The URL is malformed.');
  const path = referencePath(value, ctx.project);
  const match = /^projects\/([^/]+)\/zones\/([^/]+)\/instanceGroups\/([^/]+)$/.exec(path);
  if (!match) throw invalidField(field, value, 'The URL is malformed.');
  const manager = ctx.state.compute.get(`projects/${match[1]}/zones/${match[2]}/instanceGroupManagers/${match[3]}`);
  if (!manager) throw notFound(path);
  return String(manager.body.instanceGroup);
}
