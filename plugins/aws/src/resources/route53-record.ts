/**
 * `api.<cluster>` and `api.internal.<cluster>`: alias records of the API load balancer. Records have no tags;
 * these belong to the cluster by their names. They are looked for in the hosted zones whose domain contains
 * the cluster's name, most specific first. A `.k8s.local` cluster has no records and makes no Route53 call.
 */
import {ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand} from '@aws-sdk/client-route-53';
import type {ChangeAction, HostedZone, ResourceRecordSet} from '@aws-sdk/client-route-53';
import {NotFoundError} from '@kopsx/core';
import type {HandlerContext, ObservedResource, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {AwsApi} from './aws-api.js';
import {changed, ignoreNotFound, observed} from './observe.js';
import {allPages} from './paging.js';
import {read} from './read-properties.js';

/** DNS names compare without case and without the final dot Route53 adds. */
function dnsName(name: string | undefined): string | undefined {
  return name?.toLowerCase().replace(/\.$/, '');
}

function zoneId(zone: HostedZone): string {
  return (zone.Id ?? '').replace(/^\/hostedzone\//, '');
}

export function route53RecordHandler({clients: {route53}}: AwsApi): ResourceHandler {
  async function listZones(ctx: HandlerContext): Promise<HostedZone[]> {
    return allPages(async (Marker) => {
      const out = await route53.send(new ListHostedZonesCommand({Marker}), {abortSignal: ctx.signal});
      return {items: out.HostedZones, next: out.IsTruncated ? out.NextMarker : undefined};
    });
  }

  async function listRecords(ctx: HandlerContext, zone: HostedZone): Promise<ResourceRecordSet[]> {
    const records: ResourceRecordSet[] = [];
    let start: {StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string} = {};
    for (;;) {
      const out = await route53.send(new ListResourceRecordSetsCommand({HostedZoneId: zone.Id, ...start}), {abortSignal: ctx.signal});
      records.push(...(out.ResourceRecordSets ?? []));
      if (!out.IsTruncated) return records;
      start = {StartRecordName: out.NextRecordName, StartRecordType: out.NextRecordType, StartRecordIdentifier: out.NextRecordIdentifier};
    }
  }

  /** The zone a desired record goes into: given by ID, or found by name (and privacy). */
  async function zoneOf(ctx: HandlerContext, desired: ResolvedResource): Promise<string> {
    const p = read(desired);
    const given = p.optionalString('hostedZoneId');
    if (given) return given;
    const name = p.string('dnsZone');
    const wantPrivate = desired.properties.privateZone === true;
    const out = await route53.send(new ListHostedZonesByNameCommand({DNSName: name}), {abortSignal: ctx.signal});
    const zone = (out.HostedZones ?? []).find((z) => dnsName(z.Name) === name && (z.Config?.PrivateZone ?? false) === wantPrivate);
    if (!zone) {
      const kind = wantPrivate ? 'private' : 'public';
      throw new NotFoundError(`no ${kind} Route53 hosted zone "${name}" for ${desired.name}`, `create the zone, or set spec.dnsZone to an existing one`);
    }
    return zoneId(zone);
  }

  async function change(ctx: HandlerContext, action: ChangeAction, hostedZoneId: string, record: ResourceRecordSet): Promise<void> {
    await route53.send(
      new ChangeResourceRecordSetsCommand({HostedZoneId: hostedZoneId, ChangeBatch: {Changes: [{Action: action, ResourceRecordSet: record}]}}),
      {abortSignal: ctx.signal},
    );
  }

  function desiredRecord(desired: ResolvedResource): ResourceRecordSet {
    const p = read(desired);
    return {
      Name: desired.name,
      Type: p.string('type') as 'A',
      AliasTarget: {DNSName: p.string('aliasDnsName'), HostedZoneId: p.string('aliasHostedZoneId'), EvaluateTargetHealth: false},
    };
  }

  function toObserved(zone: HostedZone, record: ResourceRecordSet): ObservedResource {
    const name = dnsName(record.Name) ?? '';
    const id = zoneId(zone);
    const properties = {
      dnsZone: dnsName(zone.Name),
      hostedZoneId: id,
      privateZone: zone.Config?.PrivateZone ? true : undefined,
      type: record.Type,
      aliasDnsName: dnsName(record.AliasTarget?.DNSName),
      aliasHostedZoneId: record.AliasTarget?.HostedZoneId,
    };
    return observed({kind: Kind.route53Record, name, id: `${id}_${name}_${record.Type}`, properties, attributes: {zoneId: id}});
  }

  return {
    kind: Kind.route53Record,
    replaceOn: ['dnsZone', 'hostedZoneId', 'privateZone', 'type'],
    deleteBeforeReplace: true,
    equal: (field, observedValue, desiredValue) =>
      field === 'aliasDnsName' && dnsName(String(observedValue)) === dnsName(String(desiredValue)),

    async list(ctx) {
      if (ctx.clusterName.endsWith('.k8s.local')) return [];
      const wanted = new Set([`api.${ctx.clusterName}`, `api.internal.${ctx.clusterName}`]);
      const apiName = `api.${ctx.clusterName}`;
      const zones = (await listZones(ctx))
        .filter((zone) => apiName.endsWith(`.${dnsName(zone.Name)}`))
        .sort((a, b) => (b.Name ?? '').length - (a.Name ?? '').length);
      const found = new Map<string, ObservedResource>();
      for (const zone of zones) {
        for (const record of await listRecords(ctx, zone)) {
          const name = dnsName(record.Name) ?? '';
          if (wanted.has(name) && record.AliasTarget && !found.has(name)) found.set(name, toObserved(zone, record));
        }
      }
      return [...found.values()];
    },

    async create(ctx, desired) {
      const hostedZoneId = await zoneOf(ctx, desired);
      await change(ctx, 'CREATE', hostedZoneId, desiredRecord(desired));
      const id = `${hostedZoneId}_${desired.name}_${read(desired).string('type')}`;
      return observed({kind: Kind.route53Record, name: desired.name, id, properties: {...desired.properties}, attributes: {zoneId: hostedZoneId}});
    },

    async update(ctx, current, desired) {
      await change(ctx, 'UPSERT', String(current.attributes.zoneId), desiredRecord(desired));
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      const p = current.properties;
      const record = {
        Name: current.name,
        Type: p.type as 'A',
        AliasTarget: {DNSName: String(p.aliasDnsName), HostedZoneId: String(p.aliasHostedZoneId), EvaluateTargetHealth: false},
      };
      await ignoreNotFound(() => change(ctx, 'DELETE', String(current.attributes.zoneId), record));
    },
  };
}
