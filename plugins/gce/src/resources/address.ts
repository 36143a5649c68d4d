/** The API load balancer's static regional address: external, or internal in a subnetwork. Labels change in place. */
import type {protos} from '@google-cloud/compute';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

type Address = protos.google.cloud.compute.v1.IAddress;

export function addressHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.addresses;
  const toObserved = (address: Address) =>
    observed({
      kind: Kind.address,
      name: address.name ?? '',
      id: address.selfLink ?? '',
      properties: {description: address.description, region: lastSegment(address.region ?? ''), addressType: address.addressType, subnetwork: address.subnetwork, labels: address.labels ?? {}},
      // The address itself: what the forwarding rule, DNS records and gossip clusters' user-data refer to.
      attributes: {name: address.name, address: address.address, labelFingerprint: address.labelFingerprint},
    });

  return {
    kind: Kind.address,
    replaceOn: ['region', 'addressType', 'subnetwork'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const [addresses] = await client().list({project, region, ...ownedListRequest(ctx, {labelled: true})});
      return ownedOnly(ctx, addresses).map(toObserved);
    },

    async create(ctx, desired) {
      const p = read(desired);
      const get = async () => (await client().get({project, region, address: desired.name}))[0];
      const subnetwork = p.optionalString('subnetwork');
      await insertOwned(api, ctx, {
        what: `address ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            region,
            addressResource: {
              name: desired.name,
              description: p.string('description'),
              addressType: p.string('addressType'),
              ...(subnetwork ? {subnetwork} : {}),
              labels: p.record('labels'),
            },
          }),
        existing: get,
      });
      return toObserved(await get());
    },

    async update(ctx, current, desired) {
      const labels = {...(current.properties.labels as Record<string, string>), ...read(desired).record('labels')};
      await completed(api, ctx, `label address ${current.name}`, () =>
        client().setLabels({
          project,
          region,
          resource: current.name,
          regionSetLabelsRequestResource: {labels, labelFingerprint: current.attributes.labelFingerprint},
        }),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() => completed(api, ctx, `delete address ${current.name}`, () => client().delete({project, region, address: current.name})));
    },
  };
}
