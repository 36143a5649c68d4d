/** What a GCE cluster gets when its spec leaves machine types and images empty. */
import type {CloudDefaults} from '@kopsx/core';

export const GCE_DEFAULTS: CloudDefaults = {
  controlPlaneMachineType: 'e2-medium',
  nodeMachineType: 'e2-medium',
  bastionMachineType: 'e2-micro',
  // Canonical's Ubuntu 24.04 LTS image family: instances boot the family's newest build (see image-reference.ts).
  image: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64',
};
