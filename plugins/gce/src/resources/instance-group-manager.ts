/**
 * Zonal managed instance groups, one per instance group and zone. They start at their target size; the size,
 * the template and the update policy change in place. `OPPORTUNISTIC`: a new template applies to instances the
 * group creates from then on, and kopsx' rolling update replaces the running ones. Deleting a group deletes its
 * instances, and the operation ends when they are gone, so the subnetworks and templates they used can go next.
 */
import type {protos} from '@google-cloud/compute';
import type {HandlerContext, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {aggregated, ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

type InstanceGroupManager = protos.google.cloud.compute.v1.IInstanceGroupManager;

export function instanceGroupManagerHandler(api: GceApi): ResourceHandler {
  const {project} = api;
  const client = () => api.clients.compute.instanceGroupManagers;
  const toObserved = (group: InstanceGroupManager) =>
    observed({
      kind: Kind.instanceGroupManager,
      name: group.name ?? '',
      id: group.selfLink ?? '',
      properties: {
        description: group.description,
        zone: lastSegment(group.zone ?? ''),
        instanceTemplate: group.instanceTemplate,
        baseInstanceName: group.baseInstanceName,
        targetSize: group.targetSize,
        updatePolicyType: group.updatePolicy?.type,
      },
      attributes: {name: group.name, instanceGroup: group.instanceGroup},
    });

  return {
    kind: Kind.instanceGroupManager,
    replaceOn: ['zone', 'baseInstanceName'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      return ownedOnly(ctx, await clusterGroupManagers(api, ctx)).map(toObserved);
    },

    async create(ctx, desired) {
      const p = read(desired);
      const zone = p.string('zone');
      const get = async () => (await client().get({project, zone, instanceGroupManager: desired.name}))[0];
      await insertOwned(api, ctx, {
        what: `managed instance group ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            zone,
            instanceGroupManagerResource: {
              name: desired.name,
              description: p.string('description'),
              instanceTemplate: p.string('instanceTemplate'),
              baseInstanceName: p.string('baseInstanceName'),
              targetSize: p.number('targetSize'),
              updatePolicy: {type: p.string('updatePolicyType'), minimalAction: 'REPLACE'},
            },
          }),
        existing: get,
      });
      // The instance group link, which backend services refer to, is Google's to say.
      return toObserved(await get());
    },

    async update(ctx, current, desired, changes) {
      const p = read(desired);
      const zone = p.string('zone');
      const request = {project, zone, instanceGroupManager: current.name};
      const fields = new Set(changes.map((change) => change.field));
      if (fields.has('instanceTemplate')) {
        await completed(api, ctx, `set the instance template of ${current.name}`, () =>
          client().setInstanceTemplate({...request, instanceGroupManagersSetInstanceTemplateRequestResource: {instanceTemplate: p.string('instanceTemplate')}}),
        );
      }
      if (fields.has('targetSize')) {
        await completed(api, ctx, `resize ${current.name}`, () => client().resize({...request, size: p.number('targetSize')}));
      }
      if (fields.has('updatePolicyType')) {
        await completed(api, ctx, `set the update policy of ${current.name}`, () =>
          client().patch({...request, instanceGroupManagerResource: {updatePolicy: {type: p.string('updatePolicyType'), minimalAction: 'REPLACE'}}}),
        );
      }
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      const zone = String(current.properties.zone);
      await ignoreNotFound(() =>
        completed(api, ctx, `delete managed instance group ${current.name}`, () => client().delete({project, zone, instanceGroupManager: current.name})),
      );
    },
  };
}

/** The managed instance groups that may be the cluster's, in every zone: one aggregated listing. */
export function clusterGroupManagers(api: GceApi, ctx: Pick<HandlerContext, 'clusterName'>): Promise<InstanceGroupManager[]> {
  const request = {project: api.project, ...ownedListRequest(ctx, {labelled: false})};
  return aggregated(api.clients.compute.instanceGroupManagers.aggregatedListAsync(request, {autoPaginate: false}), (scoped) => scoped.instanceGroupManagers);
}
