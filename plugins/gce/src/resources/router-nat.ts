/**
 * Cloud NATs, which Google keeps inside their router (`router.nats[]`): created, changed and removed by updating
 * the router's NAT list, leaving any other NAT on it alone. Known by `<router link>/nats/<name>`.
 */
import type {protos} from '@google-cloud/compute';
import type {HandlerContext, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {read} from './read-properties.js';
import {clusterRouters} from './router-reads.js';

type Nat = protos.google.cloud.compute.v1.IRouterNat;

export function routerNatHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.routers;

  /**
   * Sets the router's NATs to what `edit` makes of the current ones. A full update rather than a patch: a patch
   * cannot empty the list (an empty list is left out of the request, which then changes nothing).
   */
  async function editNats(ctx: HandlerContext, routerLink: string, what: string, edit: (nats: Nat[]) => Nat[]): Promise<void> {
    api.reads.invalidate();
    const router = lastSegment(routerLink);
    const [current] = await client().get({project, region, router});
    await completed(api, ctx, what, () => client().update({project, region, router, routerResource: {...current, nats: edit(current.nats ?? [])}}));
  }

  return {
    kind: Kind.routerNat,
    replaceOn: ['router', 'region'],
    equal: looseEqual,

    async list(ctx) {
      return (await clusterRouters(api, ctx)).flatMap((router) =>
        (router.nats ?? []).map((nat) =>
          observed({
            kind: Kind.routerNat,
            name: nat.name ?? '',
            id: `${router.selfLink}/nats/${nat.name}`,
            properties: {
              router: router.selfLink,
              region: lastSegment(router.region ?? ''),
              sourceSubnetworkIpRangesToNat: nat.sourceSubnetworkIpRangesToNat,
              subnetworks: (nat.subnetworks ?? []).map((subnetwork) => subnetwork.name),
              natIpAllocateOption: nat.natIpAllocateOption,
            },
          }),
        ),
      );
    },

    async create(ctx, desired) {
      const routerLink = read(desired).string('router');
      await editNats(ctx, routerLink, `add Cloud NAT ${desired.name}`, (nats) => [...nats.filter((nat) => nat.name !== desired.name), natOf(desired)]);
      return observed({kind: Kind.routerNat, name: desired.name, id: `${routerLink}/nats/${desired.name}`, properties: desired.properties});
    },

    async update(ctx, current, desired) {
      await editNats(ctx, read(desired).string('router'), `update Cloud NAT ${current.name}`, (nats) =>
        nats.map((nat) => (nat.name === current.name ? natOf(desired) : nat)),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      const routerLink = String(current.properties.router);
      // A router that went first took its NATs with it.
      await ignoreNotFound(() =>
        editNats(ctx, routerLink, `remove Cloud NAT ${current.name}`, (nats) => nats.filter((nat) => nat.name !== current.name)),
      );
    },
  };
}

function natOf(desired: ResolvedResource): Nat {
  const p = read(desired);
  return {
    name: desired.name,
    sourceSubnetworkIpRangesToNat: p.string('sourceSubnetworkIpRangesToNat'),
    subnetworks: p.strings('subnetworks').map((name) => ({name, sourceIpRangesToNat: ['ALL_IP_RANGES']})),
    natIpAllocateOption: p.string('natIpAllocateOption'),
  };
}
