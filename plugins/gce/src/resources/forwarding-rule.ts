/**
 * The API's forwarding rule: TCP 443 on the static address, to the backend service. Only labels change in place;
 * anything else is a new rule, made after the old one is gone (the address is held by one rule at a time).
 */
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

type ForwardingRule = protos.google.cloud.compute.v1.IForwardingRule;

const FIELDS = ['region', 'loadBalancingScheme', 'IPAddress', 'IPProtocol', 'ports', 'backendService', 'network', 'subnetwork'];

export function forwardingRuleHandler(api: GceApi): ResourceHandler {
  const {project, region} = api;
  const client = () => api.clients.compute.forwardingRules;
  const toObserved = (rule: ForwardingRule) =>
    observed({
      kind: Kind.forwardingRule,
      name: rule.name ?? '',
      id: rule.selfLink ?? '',
      properties: {
        description: rule.description,
        region: lastSegment(rule.region ?? ''),
        loadBalancingScheme: rule.loadBalancingScheme,
        IPAddress: rule.IPAddress,
        IPProtocol: rule.IPProtocol,
        ports: rule.ports ?? undefined,
        backendService: rule.backendService,
        network: rule.network,
        subnetwork: rule.subnetwork,
        labels: rule.labels ?? {},
      },
      attributes: {name: rule.name, labelFingerprint: rule.labelFingerprint},
    });

  return {
    kind: Kind.forwardingRule,
    replaceOn: FIELDS,
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      const [rules] = await client().list({project, region, ...ownedListRequest(ctx, {labelled: true})});
      return ownedOnly(ctx, rules).map(toObserved);
    },

    async create(ctx, desired) {
      const p = read(desired);
      const get = async () => (await client().get({project, region, forwardingRule: desired.name}))[0];
      const [network, subnetwork] = [p.optionalString('network'), p.optionalString('subnetwork')];
      await insertOwned(api, ctx, {
        what: `forwarding rule ${desired.name}`,
        insert: () =>
          client().insert({
            project,
            region,
            forwardingRuleResource: {
              name: desired.name,
              description: p.string('description'),
              loadBalancingScheme: p.string('loadBalancingScheme'),
              IPAddress: p.string('IPAddress'),
              IPProtocol: p.string('IPProtocol'),
              ports: p.strings('ports'),
              backendService: p.string('backendService'),
              ...(network ? {network} : {}),
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
      await completed(api, ctx, `label forwarding rule ${current.name}`, () =>
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
      await ignoreNotFound(() =>
        completed(api, ctx, `delete forwarding rule ${current.name}`, () => client().delete({project, region, forwardingRule: current.name})),
      );
    },
  };
}
