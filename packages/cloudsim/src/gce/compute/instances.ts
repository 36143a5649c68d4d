import {isJson, records, str, stringMap} from '../json.js';
import {fingerprintMismatch} from '../wire/google-error.js';
import {fingerprint} from '../wire/ids.js';
import {resolveMachineType} from './catalog-calls.js';
import type {ComputeResource} from './compute-store.js';
import {disks, setDiskUser} from './disks.js';
import type {ComputeContext, InsertContext, ResourceFamily} from './family.js';
import {metadataOf, networkInterfaces, planDisks, schedulingOf, serviceAccounts, tagsOf} from './instance-properties.js';
import {checkCpuQuota} from './quota.js';
import {resolveReference} from './references.js';
import {createResource} from './resource-handlers.js';
import {regionOfScope, scopeName} from './scopes.js';
import {updatePoolInstances} from './target-pools.js';

/**
 * VM instances. A new instance is PROVISIONING, then STAGING, then RUNNING (see instance-status.ts); its
 * boot disk is created beside it (named after it unless `diskName` says otherwise); deleting it deletes
 * the disks attached with `autoDelete` and takes it out of target pools.
 */
export const instances: ResourceFamily = {
  collection: 'instances',
  kind: 'compute#instance',
  typeName: 'instance',
  scopes: ['zone'],
  labelled: true,

  create(input, ctx) {
    const properties = {...templateProperties(ctx), ...input};
    const name = String(properties.name);
    const zone = scopeName(ctx.scope);
    const machineType = resolveMachineType(ctx.project, zone, properties.machineType, 'resource.machineType');
    const plannedDisks = planDisks(ctx, name, properties.disks);
    // Labels from a source template, unless the request names its own.
    const templateLabels = isJson(input.labels) ? {} : stringMap(properties.labels);
    const body = {
      ...ctx.base,
      ...(Object.keys(templateLabels).length > 0 ? {labels: templateLabels, labelFingerprint: fingerprint(templateLabels)} : {}),
      machineType: machineType.link,
      status: 'PROVISIONING',
      cpuPlatform: 'Unknown CPU Platform',
      canIpForward: properties.canIpForward === true,
      networkInterfaces: networkInterfaces(ctx, properties.networkInterfaces),
      disks: plannedDisks.map((disk) => disk.attached),
      metadata: metadataOf(properties.metadata),
      tags: tagsOf(properties.tags),
      serviceAccounts: serviceAccounts(ctx, properties.serviceAccounts),
      scheduling: schedulingOf(properties.scheduling),
      deletionProtection: false,
      startRestricted: false,
      fingerprint: '',
    };
    // Accepted, but the operation fails: the quota is counted when the VM would start.
    checkCpuQuota(ctx.state, ctx.project, regionOfScope(ctx.scope), machineType.guestCpus);
    for (const disk of plannedDisks) {
      if (disk.existing) setDiskUser(disk.existing, String(ctx.base.selfLink), true);
      if (disk.create) {
        const created = createResource(ctx.state, {family: disks, project: ctx.project, scope: ctx.scope, input: disk.create});
        setDiskUser(created, String(ctx.base.selfLink), true);
      }
    }
    return body;
  },

  beforeDelete: (instance, ctx) => detachInstance(ctx, instance),

  methods: {
    setMetadata: {
      mutating: true,
      run(instance, call) {
        if (str(call.body.fingerprint) !== (instance.body.metadata as {fingerprint?: string}).fingerprint) throw fingerprintMismatch('metadata');
        instance.body.metadata = metadataOf(call.body);
      },
    },
    setTags: {
      mutating: true,
      run(instance, call) {
        if (str(call.body.fingerprint) !== (instance.body.tags as {fingerprint?: string}).fingerprint) throw fingerprintMismatch('tags');
        instance.body.tags = tagsOf(call.body);
      },
    },
  },
};

/** `instances.insert?sourceInstanceTemplate=...`: the template's properties, under the request's own fields. */
function templateProperties(ctx: InsertContext): Record<string, unknown> {
  const source = ctx.query.get('sourceInstanceTemplate');
  if (!source) return {};
  const template = resolveReference(ctx, source, {field: 'sourceInstanceTemplate', collection: 'instanceTemplates'});
  return isJson(template.body.properties) ? structuredClone(template.body.properties) : {};
}

/** What deleting an instance does to what it uses: autoDelete disks go, other disks are freed, pools forget it. */
function detachInstance(ctx: ComputeContext, instance: ComputeResource): void {
  for (const attached of records(instance.body.disks)) {
    const disk = ctx.state.compute.byLink(attached.source);
    if (!disk) continue;
    if (attached.autoDelete === true) ctx.state.compute.remove(disk);
    else setDiskUser(disk, instance.selfLink, false);
  }
  for (const pool of ctx.state.compute.list('targetPools', instance.project)) updatePoolInstances(pool, [], [instance.selfLink]);
}

/** Deletes an instance as `instances.delete` does, without an operation (managed instance groups use it). */
export function deleteInstance(ctx: ComputeContext, instance: ComputeResource): void {
  detachInstance(ctx, instance);
  ctx.state.compute.remove(instance);
}
