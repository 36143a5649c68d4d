/**
 * `api.<cluster>` and `api.internal.<cluster>`: A records of the API load balancer's address in Cloud DNS.
 * Records carry no labels; these belong to the cluster by their names. They are looked for in the managed zones
 * whose domain contains the cluster's name, most specific first. A `.k8s.local` cluster has no records and makes
 * no Cloud DNS call.
 */
import type {Zone} from '@google-cloud/dns';
import {AlreadyExistsError, NotFoundError} from '@kopsx/core';
import type {HandlerContext, ObservedResource, ResolvedResource, ResourceHandler} from '@kopsx/core';
import {Kind} from '../kinds.js';
import type {GceApi} from './gce-api.js';
import {changed, ignoreNotFound, looseEqual, observed} from './observe.js';
import {read} from './read-properties.js';

/** Cloud DNS names end with a dot; kopsx' do not. */
function withoutDot(name: string | undefined): string {
  return (name ?? '').toLowerCase().replace(/\.$/, '');
}

interface RecordValues {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly rrdatas: readonly string[];
}

export function dnsRecordHandler(api: GceApi): ResourceHandler {
  const {dns} = api.clients;

  async function zones(ctx: HandlerContext): Promise<Zone[]> {
    ctx.signal.throwIfAborted();
    return (await dns.getZones({autoPaginate: true}))[0];
  }

  /** The zone a desired record goes into: by DNS name and visibility. */
  async function zoneOf(ctx: HandlerContext, desired: ResolvedResource): Promise<Zone> {
    const wanted = read(desired).string('dnsZone');
    const visibility = desired.properties.privateZone === true ? 'private' : 'public';
    const zone = (await zones(ctx)).find(
      (z) => withoutDot(z.metadata.dnsName) === wanted && (z.metadata.visibility ?? 'public') === visibility,
    );
    if (!zone) {
      throw new NotFoundError(`no ${visibility} Cloud DNS zone "${wanted}" for ${desired.name}`, 'create the zone, or set spec.dnsZone to an existing one');
    }
    return zone;
  }

  function record(zone: Zone, values: RecordValues) {
    return zone.record(values.type.toLowerCase(), {name: `${values.name}.`, ttl: values.ttl, data: [...values.rrdatas]});
  }

  function valuesOf(desired: ResolvedResource): RecordValues {
    const p = read(desired);
    return {name: desired.name, type: p.string('type'), ttl: p.number('ttl'), rrdatas: p.strings('rrdatas')};
  }

  function toObserved(zone: Zone, values: RecordValues): ObservedResource {
    const properties = {
      dnsZone: withoutDot(zone.metadata.dnsName),
      privateZone: zone.metadata.visibility === 'private' ? true : undefined,
      type: values.type,
      ttl: values.ttl,
      rrdatas: values.rrdatas,
    };
    return observed({kind: Kind.dnsRecord, name: values.name, id: `${zone.name}/${values.name}/${values.type}`, properties, attributes: {zone: zone.name}});
  }

  return {
    kind: Kind.dnsRecord,
    replaceOn: ['dnsZone', 'privateZone', 'type'],
    deleteBeforeReplace: true,
    equal: looseEqual,

    async list(ctx) {
      if (ctx.clusterName.endsWith('.k8s.local')) return [];
      const wanted = new Set([`api.${ctx.clusterName}`, `api.internal.${ctx.clusterName}`]);
      const candidates = (await zones(ctx))
        .filter((zone) => `api.${ctx.clusterName}`.endsWith(`.${withoutDot(zone.metadata.dnsName)}`))
        .sort((a, b) => withoutDot(b.metadata.dnsName).length - withoutDot(a.metadata.dnsName).length);
      const found = new Map<string, ObservedResource>();
      for (const zone of candidates) {
        ctx.signal.throwIfAborted();
        const [records] = await zone.getRecords({autoPaginate: true});
        for (const {metadata} of records) {
          const name = withoutDot(metadata.name);
          if (!wanted.has(name) || metadata.type !== 'A' || found.has(name)) continue;
          found.set(name, toObserved(zone, {name, type: 'A', ttl: Number(metadata.ttl), rrdatas: metadata.rrdatas ?? []}));
        }
      }
      return [...found.values()];
    },

    async create(ctx, desired) {
      const zone = await zoneOf(ctx, desired);
      const values = valuesOf(desired);
      try {
        await zone.createChange({add: record(zone, values)});
      } catch (error) {
        if ((error as {code?: unknown}).code !== 409) throw error;
        // A lost answer made it already, or someone else did: only an identical record is taken over.
        const [records] = await zone.getRecords({autoPaginate: true});
        const existing = records.find((r) => withoutDot(r.metadata.name) === desired.name && r.metadata.type === values.type);
        if (!existing || !looseEqual('rrdatas', existing.metadata.rrdatas ?? [], values.rrdatas)) {
          throw new AlreadyExistsError(`DNS record ${desired.name} exists with other values`, 'delete the record, or set spec.dnsZone to another zone');
        }
      }
      return toObserved(zone, values);
    },

    async update(ctx, current, desired) {
      ctx.signal.throwIfAborted();
      const zone = dns.zone(String(current.attributes.zone));
      const before = {name: current.name, type: String(current.properties.type), ttl: Number(current.properties.ttl), rrdatas: current.properties.rrdatas as string[]};
      await zone.createChange({delete: record(zone, before), add: record(zone, valuesOf(desired))});
      return changed(current, {properties: desired.properties});
    },

    async delete(ctx, current) {
      ctx.signal.throwIfAborted();
      const zone = dns.zone(String(current.attributes.zone));
      const values = {name: current.name, type: String(current.properties.type), ttl: Number(current.properties.ttl), rrdatas: current.properties.rrdatas as string[]};
      await ignoreNotFound(() => zone.createChange({delete: record(zone, values)}));
    },
  };
}
