/** Custom-mode VPC networks. Only the routing mode changes in place. */
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

export function networkHandler(api: GceApi): ResourceHandler {
  const {project} = api;
  const client = () => api.clients.compute.networks;
  return {
    kind: Kind.network,
    replaceOn: ['autoCreateSubnetworks'],
    equal: looseEqual,

    async list(ctx) {
      const [networks] = await client().list({project, ...ownedListRequest(ctx, {labelled: false})});
      return ownedOnly(ctx, networks).map((network) =>
        observed({
          kind: Kind.network,
          name: network.name ?? '',
          id: network.selfLink ?? '',
          properties: {description: network.description, autoCreateSubnetworks: network.autoCreateSubnetworks, routingMode: network.routingConfig?.routingMode},
          attributes: {name: network.name},
        }),
      );
    },

    async create(ctx, desired) {
      const p = read(desired);
      const operation = await insertOwned(api, ctx, {
        what: `network ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            networkResource: {
              name: desired.name,
              description: p.string('description'),
              autoCreateSubnetworks: p.boolean('autoCreateSubnetworks'),
              routingConfig: {routingMode: p.string('routingMode')},
            },
          }),
        existing: async () => (await client().get({project, network: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, network: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.network, name: desired.name, id, properties: desired.properties, attributes: {name: desired.name}});
    },

    async update(ctx, current, desired) {
      await completed(api, ctx, `patch network ${current.name}`, () =>
        client().patch({project, network: current.name, networkResource: {routingConfig: {routingMode: read(desired).string('routingMode')}}}),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() => completed(api, ctx, `delete network ${current.name}`, () => client().delete({project, network: current.name})));
    },
  };
}
