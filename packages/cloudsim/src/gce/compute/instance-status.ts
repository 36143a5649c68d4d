import type {GceState} from '../gce-state.js';
import {timestamp} from '../wire/ids.js';

/**
 * Advances booting instances by the clock: PROVISIONING for the first half of `instanceStartMs`, STAGING
 * for the second, then RUNNING. Worked out when the world is reconciled, so no timers run.
 */
export function settleInstances(state: GceState): void {
  const now = state.now();
  const startMs = state.instanceStartMs;
  for (const instance of state.compute.all()) {
    if (instance.collection !== 'instances') continue;
    const {status} = instance.body;
    if (status !== 'PROVISIONING' && status !== 'STAGING') continue;
    const elapsed = now - instance.createdAt;
    if (elapsed >= startMs) {
      instance.body.status = 'RUNNING';
      instance.body.cpuPlatform = 'Intel Cascade Lake';
      instance.body.lastStartTimestamp = timestamp(instance.createdAt + startMs);
    } else if (elapsed >= startMs / 2) {
      instance.body.status = 'STAGING';
    }
  }
}
