import type {Json} from '../json.js';
import {stableNumericId} from '../wire/ids.js';
import {selfLink} from '../wire/links.js';
import {regionOfZone, REGIONS} from './scopes.js';

/** The fixed catalog every project sees: regions, zones and machine types. */
export interface MachineType {
  readonly name: string;
  readonly guestCpus: number;
  readonly memoryMb: number;
  readonly isSharedCpu?: boolean;
  readonly architecture?: 'ARM64';
}

export const MACHINE_TYPES: readonly MachineType[] = [
  {name: 'e2-micro', guestCpus: 2, memoryMb: 1024, isSharedCpu: true},
  {name: 'e2-small', guestCpus: 2, memoryMb: 2048, isSharedCpu: true},
  {name: 'e2-medium', guestCpus: 2, memoryMb: 4096, isSharedCpu: true},
  {name: 'e2-standard-2', guestCpus: 2, memoryMb: 8192},
  {name: 'e2-standard-4', guestCpus: 4, memoryMb: 16384},
  {name: 'e2-standard-8', guestCpus: 8, memoryMb: 32768},
  {name: 'n1-standard-1', guestCpus: 1, memoryMb: 3840},
  {name: 'n1-standard-2', guestCpus: 2, memoryMb: 7680},
  {name: 'n2-standard-2', guestCpus: 2, memoryMb: 8192},
  {name: 'n2-standard-4', guestCpus: 4, memoryMb: 16384},
  {name: 'n2-standard-8', guestCpus: 8, memoryMb: 32768},
  {name: 't2a-standard-2', guestCpus: 2, memoryMb: 8192, architecture: 'ARM64'},
  {name: 't2a-standard-4', guestCpus: 4, memoryMb: 16384, architecture: 'ARM64'},
];

/** Catalog entries exist since the dawn of the project, as Google dates them. */
const EPOCH = '1969-12-31T16:00:00.000-08:00';

export function findMachineType(name: string): MachineType | undefined {
  return MACHINE_TYPES.find((type) => type.name === name);
}

export function machineTypeResource(project: string, zone: string, type: MachineType): Json {
  const memory = type.memoryMb >= 1024 ? `${type.memoryMb / 1024} GB` : `${type.memoryMb} MB`;
  return {
    kind: 'compute#machineType',
    id: stableNumericId(`machineType/${type.name}`),
    creationTimestamp: EPOCH,
    name: type.name,
    description: `${type.guestCpus} vCPU${type.guestCpus === 1 ? '' : 's'}, ${memory} RAM`,
    guestCpus: type.guestCpus,
    memoryMb: type.memoryMb,
    imageSpaceGb: 0,
    maximumPersistentDisks: 128,
    maximumPersistentDisksSizeGb: '263168',
    zone,
    isSharedCpu: type.isSharedCpu ?? false,
    ...(type.architecture === undefined ? {} : {architecture: type.architecture}),
    selfLink: selfLink(`projects/${project}/zones/${zone}/machineTypes/${type.name}`),
  };
}

export function zoneResource(project: string, zone: string): Json {
  const region = regionOfZone(zone);
  return {
    kind: 'compute#zone',
    id: stableNumericId(`zone/${zone}`),
    creationTimestamp: EPOCH,
    name: zone,
    description: zone,
    status: 'UP',
    region: selfLink(`projects/${project}/regions/${region}`),
    selfLink: selfLink(`projects/${project}/zones/${zone}`),
    availableCpuPlatforms: ['Intel Cascade Lake', 'Intel Ice Lake', 'AMD Milan', 'Ampere Altra'],
    supportsPzs: false,
  };
}

export interface RegionQuota {
  readonly limit: number;
  readonly usage: number;
}

export function regionResource(project: string, region: string, cpus: RegionQuota): Json {
  return {
    kind: 'compute#region',
    id: stableNumericId(`region/${region}`),
    creationTimestamp: EPOCH,
    name: region,
    description: region,
    status: 'UP',
    zones: (REGIONS[region] ?? []).map((letter) => selfLink(`projects/${project}/zones/${region}-${letter}`)),
    quotas: [{metric: 'CPUS', limit: cpus.limit, usage: cpus.usage}],
    selfLink: selfLink(`projects/${project}/regions/${region}`),
    supportsPzs: false,
  };
}
