/**
 * A provider for the toy cloud, with switches for the mistakes real providers make. The suite's own tests
 * run it as written (every check passes) and with each mistake (the matching check must fail).
 */
import {PROVIDER_API_VERSION, ref} from '@kopsx/core';
import type {CloudProvider, DesiredResource, ErrorClass, ObservedResource, ResolvedResource, ResourceHandler} from '@kopsx/core';

export type ToyFlaw =
  /** validateZones accepts anything. */
  | 'accepts-any-zone'
  /** list() returns every cluster's resources, not just this one's. */
  | 'lists-every-cluster'
  /** list() leaves out the machine type, so it never matches the model. */
  | 'forgets-machine-type'
  /** A group's delete() reports success without deleting anything. */
  | 'delete-does-nothing';

const ZONES = ['toy-1a', 'toy-1b'];

class ToyApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function toyProvider(options: {readonly flaws?: readonly ToyFlaw[]; readonly instanceGroups?: boolean} = {}): CloudProvider {
  const flaws = new Set(options.flaws);
  return {
    apiVersion: PROVIDER_API_VERSION,
    cloud: 'toy',
    supportLevel: 'alpha',
    defaults: {controlPlaneMachineType: 'toy.large', nodeMachineType: 'toy.small', bastionMachineType: 'toy.tiny', image: 'toy/linux'},
    validateZones: (zones) =>
      flaws.has('accepts-any-zone')
        ? []
        : zones.flatMap((zone, i) => (ZONES.includes(zone) ? [] : [{path: `zones[${i}]`, message: `"${zone}" is not a toy zone`}])),
    buildModel(bundle) {
      const name = bundle.cluster.metadata.name;
      const network: DesiredResource = {kind: 'network', name, properties: {cidr: bundle.cluster.spec.networkCIDR ?? ''}};
      const groups = bundle.instanceGroups.map(
        (ig): DesiredResource => ({
          kind: 'group',
          name: ig.metadata.name,
          properties: {network: ref('network', name), size: ig.spec.minSize, machineType: ig.spec.machineType ?? ''},
        }),
      );
      return {resources: [network, ...groups]};
    },
    async connect({env, cluster}) {
      const endpoint = env.TOY_ENDPOINT ?? '';
      const clusterName = cluster.cluster.metadata.name;
      async function call(method: string, path: string, body?: unknown): Promise<unknown> {
        const response = await fetch(`${endpoint}${path}`, {method, ...(body === undefined ? {} : {body: JSON.stringify(body)})});
        const text = await response.text();
        if (!response.ok) throw new ToyApiError(response.status, `${method} ${path}: ${response.status} ${text}`);
        return text === '' ? undefined : JSON.parse(text);
      }
      const listOf = async (collection: string, cluster: string) =>
        (await call('GET', flaws.has('lists-every-cluster') ? `/${collection}` : `/${collection}?label=cluster=${cluster}`)) as Record<string, unknown>[];
      const observe = (kind: string, r: Record<string, unknown>, properties: Record<string, unknown>): ObservedResource => ({
        kind,
        name: String((r.labels as Record<string, string>).name),
        id: String(r.id),
        properties,
        attributes: {id: String(r.id)},
        lifecycle: 'owned',
      });
      const groupProperties = (r: Record<string, unknown>) =>
        flaws.has('forgets-machine-type') ? {network: r.network, size: r.size} : {network: r.network, size: r.size, machineType: r.machineType};
      const create = (collection: string, cluster: string, desired: ResolvedResource) =>
        call('POST', `/${collection}`, {...desired.properties, labels: {cluster, name: desired.name}}) as Promise<Record<string, unknown>>;

      const handlers: ResourceHandler[] = [
        {
          kind: 'network',
          list: async (ctx) => (await listOf('networks', ctx.clusterName)).map((r) => observe('network', r, {cidr: r.cidr})),
          create: async (ctx, desired) => observe('network', await create('networks', ctx.clusterName, desired), desired.properties),
          delete: async (_ctx, observed) => void (await call('DELETE', `/networks/${observed.id}`)),
        },
        {
          kind: 'group',
          list: async (ctx) => (await listOf('groups', ctx.clusterName)).map((r) => observe('group', r, groupProperties(r))),
          create: async (ctx, desired) => observe('group', await create('groups', ctx.clusterName, desired), desired.properties),
          update: async (_ctx, observed, desired, changes) => {
            const patch = Object.fromEntries(changes.map((c) => [c.field, desired.properties[c.field]]));
            return observe('group', (await call('PATCH', `/groups/${observed.id}`, patch)) as Record<string, unknown>, desired.properties);
          },
          delete: async (_ctx, observed) => {
            if (!flaws.has('delete-does-nothing')) await call('DELETE', `/groups/${observed.id}`);
          },
        },
      ];
      const instanceGroups = {
        async list() {
          const groups = await listOf('groups', clusterName);
          const servers = await listOf('servers', clusterName);
          return groups.map((g) => ({
            name: String((g.labels as Record<string, string>).name),
            minSize: Number(g.size),
            maxSize: Number(g.size),
            desiredSize: Number(g.size),
            instances: servers
              .filter((s) => s.group === g.id)
              .map((s) => ({id: String(s.id), status: 'running' as const, needsUpdate: s.machineType !== g.machineType})),
          }));
        },
        detach: async () => {
          throw new Error('the toy cloud cannot detach servers');
        },
        terminate: async (_group: string, id: string) => void (await call('DELETE', `/servers/${id}`)),
      };
      return {
        handlers,
        classifyError: (error: unknown): ErrorClass =>
          !(error instanceof ToyApiError) ? 'transient' : error.status === 404 ? 'not-found' : error.status === 409 ? 'dependency' : error.status >= 500 ? 'transient' : 'fatal',
        ...(options.instanceGroups === false ? {} : {instanceGroups}),
        close: async () => {},
      };
    },
    renderTerraform: (resource) => ({block: 'resource', type: `toy_${resource.kind}`, name: resource.name.replace(/[^\w-]/g, '_'), body: {}}),
  };
}
