/** Cloud Routers: only there to hold the Cloud NAT of private subnetworks (see router-nat.ts). */
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {read} from './read-properties.js';
import {clusterRouters} from './router-reads.js';

export function routerHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.routers;
  return {
    kind: Kind.router,
    replaceOn: ['network', 'region'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      return (await clusterRouters(api, ctx)).map((router) =>
        observed({
          kind: Kind.router,
          name: router.name ?? '',
          id: router.selfLink ?? '',
          properties: {description: router.description, network: router.network, region: lastSegment(router.region ?? '')},
          attributes: {name: router.name},
        }),
      );
    },

    async create(ctx, desired) {
      api.reads.invalidate();
      const operation = await insertOwned(api, ctx, {
        what: `router ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            region,
            routerResource: {name: desired.name, description: read(desired).string('description'), network: read(desired).string('network')},
          }),
        existing: async () => (await client().get({project, region, router: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, region, router: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.router, name: desired.name, id, properties: desired.properties, attributes: {name: desired.name}});
    },

    async delete(ctx, current) {
      api.reads.invalidate();
      await ignoreNotFound(() => completed(api, ctx, `delete router ${current.name}`, () => client().delete({project, region, router: current.name})));
    },
  };
}
