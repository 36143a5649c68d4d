/** Ingress firewall rules. Everything but the network and direction changes in place (a full update). */
import type {protos} from '@google-cloud/compute';
import type {ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

type Firewall = protos.google.cloud.compute.v1.IFirewall;

export function firewallHandler(api: GceApi): ResourceHandler {
  const {project} = api;
  const client = () => api.clients.compute.firewalls;
  return {
    kind: Kind.firewall,
    replaceOn: ['network', 'direction'],
    equal: looseEqual,

    async list(ctx) {
      const [firewalls] = await client().list({project, ...ownedListRequest(ctx, {labelled: false})});
      return ownedOnly(ctx, firewalls).map((firewall) =>
        observed({
          kind: Kind.firewall,
          name: firewall.name ?? '',
          id: firewall.selfLink ?? '',
          properties: {
            description: firewall.description,
            network: firewall.network,
            direction: firewall.direction,
            priority: firewall.priority,
            allowed: (firewall.allowed ?? []).map((rule) => ({IPProtocol: rule.IPProtocol, ...(rule.ports?.length ? {ports: rule.ports} : {})})),
            sourceRanges: firewall.sourceRanges?.length ? firewall.sourceRanges : undefined,
            sourceTags: firewall.sourceTags?.length ? firewall.sourceTags : undefined,
            targetTags: firewall.targetTags?.length ? firewall.targetTags : undefined,
          },
        }),
      );
    },

    async create(ctx, desired) {
      const operation = await insertOwned(api, ctx, {
        what: `firewall ${desired.name}`,
        insert: () => client().insert({project, firewallResource: firewallOf(desired)}),
        existing: async () => (await client().get({project, firewall: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, firewall: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.firewall, name: desired.name, id, properties: desired.properties});
    },

    async update(ctx, current, desired) {
      await completed(api, ctx, `update firewall ${current.name}`, () =>
        client().update({project, firewall: current.name, firewallResource: firewallOf(desired)}),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() => completed(api, ctx, `delete firewall ${current.name}`, () => client().delete({project, firewall: current.name})));
    },
  };
}

function firewallOf(desired: ResolvedResource): Firewall {
  const p = read(desired);
  return {
    name: desired.name,
    description: p.string('description'),
    network: p.string('network'),
    direction: p.string('direction'),
    priority: p.number('priority'),
    allowed: desired.properties.allowed as Firewall['allowed'],
    sourceRanges: p.optionalStrings('sourceRanges') ?? [],
    sourceTags: p.optionalStrings('sourceTags') ?? [],
    targetTags: p.optionalStrings('targetTags') ?? [],
  };
}
