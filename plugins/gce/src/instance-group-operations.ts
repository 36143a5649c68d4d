/**
 * What rolling update and validation need from the cluster's managed instance groups: their instances, which of
 * them were created from another template than their group's current one, and surge or replacement of single
 * instances. An instance group running in several zones has one managed group per zone; they are reported
 * together. The order and pace are core's.
 *
 * Replacements get new names (the group is shrunk by the instance, then grown back), so a replaced machine
 * never comes back as the node it replaces. A detached instance (surge) is labelled with its group before it
 * is abandoned, and found again by that label until it is terminated.
 */
import {NotFoundError} from '@kopsx/core';
import type {CloudInstance, CloudInstanceGroup, CloudInstanceStatus, HandlerContext, InstanceGroupOperations} from '@kopsx/core';
import {DETACHED_FROM_LABEL, clusterInstances, creatorOf, groupKey, templateOf} from './cluster-instances.js';
import type {Instance} from './cluster-instances.js';
import {lastSegment} from './names.js';
import {INSTANCE_GROUP_LABEL} from './ownership.js';
import type {GceApi} from './resources/index.js';
import {clusterGroupManagers} from './resources/index.js';
import {completed} from './resources/operations.js';
import type {StartedOperation} from './resources/operations.js';
import {ownedListRequest, ownedOnly} from './resources/owned-listing.js';

export function instanceGroupOperations(api: GceApi, clusterName: string): InstanceGroupOperations {
  const {project} = api;
  const groups = () => api.clients.compute.instanceGroupManagers;
  const context = (signal = new AbortController().signal): HandlerContext => ({clusterName, signal, log: () => {}});

  /** The instance with this ID, when it is the cluster's and was made for `group`. */
  async function findInstance(group: string, instanceId: string): Promise<Instance | undefined> {
    // Google's instance IDs are numbers; anything else must not reach the list filter.
    if (!/^\d+$/.test(instanceId)) throw new NotFoundError(`"${instanceId}" is not a GCE instance ID`, 'list the group\'s instances again: only those can be terminated');
    const [instance] = await clusterInstances(api, clusterName, `id = ${instanceId}`);
    if (!instance) return undefined;
    if (instance.labels?.[INSTANCE_GROUP_LABEL] !== group) {
      throw new NotFoundError(`instance ${instanceId} is not in instance group "${group}" of cluster ${clusterName}`, 'list the group\'s instances again: only those can be terminated');
    }
    return instance;
  }

  /** The managed instance group that created the instance. */
  function managerOf(instance: Instance): {project: string; zone: string; instanceGroupManager: string} {
    const [zone, instanceGroupManager] = (creatorOf(instance) ?? '').split('/');
    if (!zone || !instanceGroupManager) throw new NotFoundError(`instance ${instance.name} is not a member of a managed instance group`);
    return {project, zone, instanceGroupManager};
  }

  /** Runs `change` on the instance's managed group, then sets the group back to the size it had before. */
  async function keepingSize(
    instance: Instance,
    what: string,
    change: (request: ReturnType<typeof managerOf>) => Promise<StartedOperation>,
    signal?: AbortSignal,
  ): Promise<void> {
    const request = managerOf(instance);
    const [manager] = await groups().get(request);
    const ctx = context(signal);
    await completed(api, ctx, `${what} ${instance.name} in ${request.instanceGroupManager}`, () => change(request));
    await completed(api, ctx, `resize ${request.instanceGroupManager}`, () => groups().resize({...request, size: manager.targetSize ?? 0}));
  }

  return {
    async list(signal) {
      const ctx = context(signal);
      const [managers, templates, instances] = await Promise.all([
        clusterGroupManagers(api, ctx).then((all) => ownedOnly(ctx, all)),
        api.clients.compute.instanceTemplates.list({project, ...ownedListRequest(ctx, {labelled: false})}).then(([all]) => ownedOnly(ctx, all)),
        clusterInstances(api, clusterName),
      ]);
      const groupOfTemplate = new Map(templates.map((t) => [t.name ?? '', t.properties?.labels?.[INSTANCE_GROUP_LABEL]]));
      const byGroup = new Map<string, CloudInstanceGroup>();
      for (const manager of managers) {
        const current = lastSegment(manager.instanceTemplate ?? '');
        const name = groupOfTemplate.get(current);
        if (!name) continue;
        const key = groupKey(manager);
        const members = instances.filter((i) => creatorOf(i) === key && !i.labels?.[DETACHED_FROM_LABEL]);
        const detached = instances.filter((i) => i.labels?.[DETACHED_FROM_LABEL] === manager.name);
        const size = manager.targetSize ?? 0;
        const known = byGroup.get(name);
        byGroup.set(name, {
          name,
          minSize: (known?.minSize ?? 0) + size,
          maxSize: (known?.maxSize ?? 0) + size,
          desiredSize: (known?.desiredSize ?? 0) + size,
          instances: [
            ...(known?.instances ?? []),
            ...members.map((i) => cloudInstance(i, {needsUpdate: templateOf(i) !== current})),
            ...detached.map((i) => ({...cloudInstance(i, {needsUpdate: true}), detached: true})),
          ],
        });
      }
      return [...byGroup.values()];
    },

    async detach(group, instanceId, signal) {
      const instance = await findInstance(group, instanceId);
      if (!instance) throw new NotFoundError(`instance ${instanceId} of instance group "${group}" no longer exists`);
      const {zone, instanceGroupManager: manager} = managerOf(instance);
      // Labelled first: an instance abandoned without the label would run on, unseen by any later listing.
      await completed(api, context(signal), `label ${instance.name} detached`, () =>
        api.clients.compute.instances.setLabels({
          project,
          zone,
          instance: instance.name ?? '',
          instancesSetLabelsRequestResource: {labels: {...instance.labels, [DETACHED_FROM_LABEL]: manager}, labelFingerprint: instance.labelFingerprint},
        }),
      );
      await keepingSize(instance, 'abandon', (request) =>
        groups().abandonInstances({...request, instanceGroupManagersAbandonInstancesRequestResource: {instances: [instance.selfLink ?? '']}}), signal);
    },

    async terminate(group, instanceId, signal) {
      const instance = await findInstance(group, instanceId);
      if (!instance) return;
      if (instance.labels?.[DETACHED_FROM_LABEL]) {
        const zone = lastSegment(instance.zone ?? '');
        await completed(api, context(signal), `delete ${instance.name}`, () => api.clients.compute.instances.delete({project, zone, instance: instance.name ?? ''}));
        return;
      }
      // The group gets a new instance, under a new name.
      await keepingSize(instance, 'delete', (request) =>
        groups().deleteInstances({...request, instanceGroupManagersDeleteInstancesRequestResource: {instances: [instance.selfLink ?? '']}}), signal);
    },
  };
}

function cloudInstance(instance: Instance, options: {readonly needsUpdate: boolean}): CloudInstance {
  return {id: String(instance.id ?? ''), status: statusOf(instance.status), needsUpdate: options.needsUpdate, ...(instance.name ? {nodeName: instance.name} : {})};
}

/** Google's instance states; a stopped (TERMINATED) or suspended instance is on its way out as far as a group goes. */
function statusOf(status: string | null | undefined): CloudInstanceStatus {
  if (status === 'RUNNING') return 'running';
  if (status === 'PROVISIONING' || status === 'STAGING' || status === 'REPAIRING') return 'pending';
  return 'stopping';
}
