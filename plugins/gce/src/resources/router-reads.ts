/** The cluster's Cloud Routers, listed once for both kinds they hold: the routers and their Cloud NATs. */
import type {protos} from '@google-cloud/compute';
import type {HandlerContext} from '@kopsx/core';
import type {GceApi} from './gce-api.js';
import {ownedListRequest, ownedOnly} from './owned-listing.js';

export type Router = protos.google.cloud.compute.v1.IRouter;

export function clusterRouters(api: GceApi, ctx: HandlerContext): Promise<Router[]> {
  return api.reads.read(ctx, 'routers', async () => {
    const [routers] = await api.clients.compute.routers.list({project: api.project, region: api.region, ...ownedListRequest(ctx, {labelled: false})});
    return ownedOnly(ctx, routers);
  });
}
