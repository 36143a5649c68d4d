/**
 * Subnetworks of the cluster's region. Private Google access changes in place; a new range or network is a new
 * subnetwork, made after the old one is gone (the name is taken, and the ranges would overlap).
 */
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

export function subnetworkHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.subnetworks;
  return {
    kind: Kind.subnetwork,
    replaceOn: ['network', 'region', 'ipCidrRange'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const [subnetworks] = await client().list({project, region, ...ownedListRequest(ctx, {labelled: false})});
      return ownedOnly(ctx, subnetworks).map((subnetwork) =>
        observed({
          kind: Kind.subnetwork,
          name: subnetwork.name ?? '',
          id: subnetwork.selfLink ?? '',
          properties: {
            description: subnetwork.description,
            network: subnetwork.network,
            region: lastSegment(subnetwork.region ?? ''),
            ipCidrRange: subnetwork.ipCidrRange,
            privateIpGoogleAccess: subnetwork.privateIpGoogleAccess,
          },
          attributes: {name: subnetwork.name},
        }),
      );
    },

    async create(ctx, desired) {
      const p = read(desired);
      const operation = await insertOwned(api, ctx, {
        what: `subnetwork ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            region,
            subnetworkResource: {
              name: desired.name,
              description: p.string('description'),
              network: p.string('network'),
              ipCidrRange: p.string('ipCidrRange'),
              privateIpGoogleAccess: p.boolean('privateIpGoogleAccess'),
            },
          }),
        existing: async () => (await client().get({project, region, subnetwork: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, region, subnetwork: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.subnetwork, name: desired.name, id, properties: desired.properties, attributes: {name: desired.name}});
    },

    async update(ctx, current, desired) {
      await completed(api, ctx, `set private Google access of subnetwork ${current.name}`, () =>
        client().setPrivateIpGoogleAccess({
          project,
          region,
          subnetwork: current.name,
          subnetworksSetPrivateIpGoogleAccessRequestResource: {privateIpGoogleAccess: read(desired).boolean('privateIpGoogleAccess')},
        }),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() =>
        completed(api, ctx, `delete subnetwork ${current.name}`, () => client().delete({project, region, subnetwork: current.name})),
      );
    },
  };
}
