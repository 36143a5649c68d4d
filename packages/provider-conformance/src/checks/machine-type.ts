import {setTimeout as sleep} from 'node:timers/promises';
import type {CloudDefaults, CloudInstance, InstanceGroupOperations} from '@kopsx/core';
import {check, passed, skipped} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {seconds} from '../seconds.js';
import {changeAndConverge, nodeGroup} from './change-and-converge.js';

const DEFAULT_INSTANCE_WAIT_MS = 30_000;
const POLL_INTERVAL_MS = 200;

/**
 * Changing a node group's machine type converges without touching its running instances, which
 * `instanceGroups.list()` then reports as needing an update: that is what `rolling-update cluster` replaces.
 */
export const machineType: ConformanceCheck = {
  id: 'machine-type',
  title: 'change machine type → instances need update',
  needs: ['idempotence'],
  async run(session) {
    const group = nodeGroup(session.cluster.bundle);
    if (!group) return skipped('the reference cluster has no node group');
    const name = group.metadata.name;
    return session.cluster.withConnection(async (connection) => {
      const operations = connection.instanceGroups;
      if (!operations) return skipped('the provider has no instanceGroups, so rolling update cannot find instances to replace');
      const waitMs = session.options.instanceWaitMs ?? DEFAULT_INSTANCE_WAIT_MS;
      const before = await runningInstances(operations, name, waitMs);
      const outdated = before.filter((i) => i.needsUpdate);
      check(outdated.length === 0, `before any change, ${ids(outdated)} of ${name} already report needsUpdate`);

      const current = (await session.cluster.instanceGroup(name)).spec.machineType ?? '';
      const next = session.options.alternateMachineType ?? otherMachineType(session.options.provider.defaults, current);
      check(next !== undefined, `the provider's defaults offer no machine type other than ${current}: pass options.alternateMachineType`);
      await changeAndConverge(session, {
        group: name,
        what: `changing the machine type of ${name} from ${current} to ${next}`,
        exact: false,
        change: (ig) => ({...ig, spec: {...ig.spec, machineType: next}}),
      });

      const after = (await operations.list()).find((g) => g.name === name)?.instances ?? [];
      const kept = after.filter((i) => before.some((old) => old.id === i.id) && i.status !== 'terminated');
      check(kept.length > 0, `none of the instances running before the change (${ids(before)}) is listed after it: they must keep running until a rolling update replaces them`);
      const stale = kept.filter((i) => !i.needsUpdate);
      check(stale.length === 0, `after the machine type change, ${ids(stale)} of ${name} do not report needsUpdate`);
      return passed(`${name} ${current} → ${next}: ${kept.length} of ${kept.length} running instances need update`);
    });
  },
};

/** The group's instances once it runs as many as it asks for. */
async function runningInstances(operations: InstanceGroupOperations, name: string, waitMs: number): Promise<CloudInstance[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const group = (await operations.list()).find((g) => g.name === name);
    const live = group?.instances.filter((i) => i.status !== 'terminated' && !i.detached) ?? [];
    if (group && live.length > 0 && live.length >= group.desiredSize) return live;
    check(
      Date.now() < deadline,
      group
        ? `${name} runs ${live.length} of its ${group.desiredSize} instances after ${seconds(waitMs)}`
        : `instanceGroups.list() does not report ${name} after ${seconds(waitMs)}`,
    );
    await sleep(POLL_INTERVAL_MS);
  }
}

/** The first of the provider's default machine types that differs from `current`. */
function otherMachineType(defaults: CloudDefaults, current: string): string | undefined {
  return [defaults.controlPlaneMachineType, defaults.bastionMachineType, defaults.nodeMachineType].find((type) => type !== current);
}

function ids(instances: readonly CloudInstance[]): string {
  return instances.map((i) => i.id).join(', ');
}
