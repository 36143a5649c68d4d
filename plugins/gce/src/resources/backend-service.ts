/**
 * The API's regional backend service: the control planes' managed instance groups (by their instance group),
 * checked by the health check. Backends and health checks change in place.
 */
import type {protos} from '@google-cloud/compute';
import type {ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

type BackendService = protos.google.cloud.compute.v1.IBackendService;

export function backendServiceHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.regionBackendServices;
  return {
    kind: Kind.backendService,
    replaceOn: ['region', 'loadBalancingScheme', 'protocol', 'network'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const [services] = await client().list({project, region, ...ownedListRequest(ctx, {labelled: false})});
      return ownedOnly(ctx, services).map((service) =>
        observed({
          kind: Kind.backendService,
          name: service.name ?? '',
          id: service.selfLink ?? '',
          properties: {
            description: service.description,
            region: lastSegment(service.region ?? ''),
            loadBalancingScheme: service.loadBalancingScheme,
            protocol: service.protocol,
            network: service.network,
            healthChecks: service.healthChecks ?? [],
            backends: (service.backends ?? []).map((backend) => backend.group),
          },
          attributes: {name: service.name},
        }),
      );
    },

    async create(ctx, desired) {
      const operation = await insertOwned(api, ctx, {
        what: `backend service ${desired.name}`,
        insert: () => client().insert({project, region, backendServiceResource: serviceOf(desired)}),
        existing: async () => (await client().get({project, region, backendService: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, region, backendService: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.backendService, name: desired.name, id, properties: desired.properties, attributes: {name: desired.name}});
    },

    async update(ctx, current, desired) {
      // A full update, with the service's current fingerprint: a patch cannot empty the backends.
      const [service] = await client().get({project, region, backendService: current.name});
      await completed(api, ctx, `update backend service ${current.name}`, () =>
        client().update({project, region, backendService: current.name, backendServiceResource: {...serviceOf(desired), fingerprint: service.fingerprint}}),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() =>
        completed(api, ctx, `delete backend service ${current.name}`, () => client().delete({project, region, backendService: current.name})),
      );
    },
  };
}

function serviceOf(desired: ResolvedResource): BackendService {
  const p = read(desired);
  const network = p.optionalString('network');
  return {
    name: desired.name,
    description: p.string('description'),
    loadBalancingScheme: p.string('loadBalancingScheme'),
    protocol: p.string('protocol'),
    ...(network ? {network} : {}),
    healthChecks: p.strings('healthChecks'),
    backends: backendsOf(p.strings('backends')),
  };
}

/** Passthrough load balancers balance connections. */
function backendsOf(groups: readonly string[]): BackendService['backends'] {
  return groups.map((group) => ({group, balancingMode: 'CONNECTION'}));
}
