/**
 * etcd's persistent disks. They hold the cluster's state, so what Google can change in place (a larger size,
 * labels) is changed in place; only a new zone or disk type means a new, empty disk.
 */
import type {protos} from '@google-cloud/compute';
import type {ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {GceApi} from './gce-api.js';
import {insertOwned} from './insert-owned.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {completed} from './operations.js';
import {aggregated, ownedListRequest, ownedOnly} from './owned-listing.js';
import {read} from './read-properties.js';

type Disk = protos.google.cloud.compute.v1.IDisk;

export function diskHandler(api: GceApi): ResourceHandler {
  const {project} = api;
  const client = () => api.clients.compute.disks;
  const toObserved = (disk: Disk) =>
    observed({
      kind: Kind.disk,
      name: disk.name ?? '',
      id: disk.selfLink ?? '',
      properties: {description: disk.description, zone: lastSegment(disk.zone ?? ''), sizeGb: Number(disk.sizeGb), type: lastSegment(disk.type ?? ''), labels: disk.labels ?? {}},
      attributes: {name: disk.name, labelFingerprint: disk.labelFingerprint},
    });

  return {
    kind: Kind.disk,
    replaceOn: ['zone', 'type'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const request = {project, ...ownedListRequest(ctx, {labelled: true})};
      return ownedOnly(ctx, await aggregated(client().aggregatedListAsync(request, {autoPaginate: false}), (scoped) => scoped.disks)).map(toObserved);
    },

    async create(ctx, desired) {
      const p = read(desired);
      const zone = p.string('zone');
      const get = async () => (await client().get({project, zone, disk: desired.name}))[0];
      await insertOwned(api, ctx, {
        what: `disk ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            zone,
            diskResource: {
              name: desired.name,
              description: p.string('description'),
              sizeGb: p.number('sizeGb'),
              type: `zones/${zone}/diskTypes/${p.string('type')}`,
              labels: p.record('labels'),
            },
          }),
        existing: get,
      });
      return toObserved(await get());
    },

    async update(ctx, current, desired, changes) {
      const p = read(desired);
      const zone = String(current.properties.zone);
      const fields = new Set(changes.map((change) => change.field));
      if (fields.has('sizeGb')) {
        await completed(api, ctx, `resize disk ${current.name}`, () =>
          client().resize({project, zone, disk: current.name, disksResizeRequestResource: {sizeGb: p.number('sizeGb')}}),
        );
      }
      if (fields.has('labels')) {
        // Labels others set stay: the desired ones are merged in (see looseEqual).
        const labels = {...(current.properties.labels as Record<string, string>), ...p.record('labels')};
        await completed(api, ctx, `label disk ${current.name}`, () =>
          client().setLabels({
            project,
            zone,
            resource: current.name,
            zoneSetLabelsRequestResource: {labels, labelFingerprint: current.attributes.labelFingerprint},
          }),
        );
      }
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      const zone = String(current.properties.zone);
      await ignoreNotFound(() => completed(api, ctx, `delete disk ${current.name}`, () => client().delete({project, zone, disk: current.name})));
    },
  };
}
