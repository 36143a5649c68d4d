import type {GceState} from '../gce-state.js';
import {findMachineType} from './catalog.js';
import {OperationFailure} from './operations.js';
import {regionOfScope} from './scopes.js';
import {lastSegment} from '../wire/links.js';

/** vCPUs the project's instances use in a region (what the CPUS quota counts). */
export function regionCpuUsage(state: GceState, project: string, region: string): number {
  return state.compute.list('instances', project)
    .filter((instance) => regionOfScope(instance.scope) === region)
    .reduce((sum, instance) => sum + (findMachineType(lastSegment(String(instance.body.machineType)))?.guestCpus ?? 0), 0);
}

/** Fails the operation, as Google does, when `cpus` more would exceed the region's CPUS quota. */
export function checkCpuQuota(state: GceState, project: string, region: string, cpus: number): void {
  const usage = regionCpuUsage(state, project, region);
  if (usage + cpus > state.cpuQuotaPerRegion) {
    throw new OperationFailure('QUOTA_EXCEEDED', `Quota 'CPUS' exceeded.  Limit: ${state.cpuQuotaPerRegion.toFixed(1)} in region ${region}.`, 403);
  }
}
