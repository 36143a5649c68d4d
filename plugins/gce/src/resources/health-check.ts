/** The regional HTTPS health check of the API servers (`/healthz` on 443). Port and path change in place. */
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

type HealthCheck = protos.google.cloud.compute.v1.IHealthCheck;

export function healthCheckHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.regionHealthChecks;
  return {
    kind: Kind.healthCheck,
    replaceOn: ['region', 'type'],
    equal: looseEqual,

    async list(ctx) {
      const [checks] = await client().list({project, region, ...ownedListRequest(ctx, {labelled: false})});
      return ownedOnly(ctx, checks).map((check) =>
        observed({
          kind: Kind.healthCheck,
          name: check.name ?? '',
          id: check.selfLink ?? '',
          properties: {description: check.description, region: lastSegment(check.region ?? ''), type: check.type, port: check.httpsHealthCheck?.port, requestPath: check.httpsHealthCheck?.requestPath},
          attributes: {name: check.name},
        }),
      );
    },

    async create(ctx, desired) {
      const operation = await insertOwned(api, ctx, {
        what: `health check ${desired.name}`,
        insert: () => client().insert({project, region, healthCheckResource: healthCheckOf(desired)}),
        existing: async () => (await client().get({project, region, healthCheck: desired.name}))[0],
      });
      const id = operation?.targetLink ?? (await client().get({project, region, healthCheck: desired.name}))[0].selfLink ?? '';
      return observed({kind: Kind.healthCheck, name: desired.name, id, properties: desired.properties, attributes: {name: desired.name}});
    },

    async update(ctx, current, desired) {
      await completed(api, ctx, `update health check ${current.name}`, () =>
        client().update({project, region, healthCheck: current.name, healthCheckResource: healthCheckOf(desired)}),
      );
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      await ignoreNotFound(() =>
        completed(api, ctx, `delete health check ${current.name}`, () => client().delete({project, region, healthCheck: current.name})),
      );
    },
  };
}

function healthCheckOf(desired: ResolvedResource): HealthCheck {
  const p = read(desired);
  return {
    name: desired.name,
    description: p.string('description'),
    type: p.string('type'),
    httpsHealthCheck: {port: p.number('port'), requestPath: p.string('requestPath')},
  };
}
