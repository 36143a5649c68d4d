import type {SimService} from '../service.js';
import {ComputeService} from './compute/compute-service.js';
import {CloudDnsService} from './dns/dns-service.js';
import {GceState, type GceSimOptions} from './gce-state.js';
import {GcpIamService} from './iam/iam-service.js';

/**
 * The simulated Google Cloud services beside GCS — Compute Engine, Cloud DNS and IAM service accounts —
 * all sharing one `GceState`. Pass `state` to keep a handle for seeding; each service also exposes it.
 */
export function gceServices(options: GceSimOptions & {readonly state?: GceState} = {}): SimService[] {
  const state = options.state ?? new GceState(options);
  return [new ComputeService(state), new CloudDnsService(state), new GcpIamService(state)];
}

export {GceState, type GceSimOptions} from './gce-state.js';
export type {GceSeeder} from './seed.js';
export {ComputeService} from './compute/compute-service.js';
export {CloudDnsService} from './dns/dns-service.js';
export {GcpIamService} from './iam/iam-service.js';
export {PUBLIC_IMAGE_PROJECTS} from './compute/images.js';
export {MACHINE_TYPES, type MachineType} from './compute/catalog.js';
export {REGIONS, ZONE_NAMES, type ScopeKey} from './compute/scopes.js';
