import {ApiFrontends} from './compute/api-frontends.js';
import {ComputeStore} from './compute/compute-store.js';
import {seedPublicImages} from './compute/images.js';
import {settleInstances} from './compute/instance-status.js';
import {ManagedGroups, reconcileManagedGroups} from './compute/managed-groups.js';
import {OperationStore} from './compute/operations.js';
import {DnsState} from './dns/dns-state.js';
import {IamState} from './iam/iam-state.js';
import {GceSeeder} from './seed.js';

/** How fast the simulated Google Cloud moves; tests shorten or lengthen these to see transitional states. */
export interface GceSimOptions {
  /** Operations report RUNNING this long before DONE (default 100 ms). */
  readonly operationDelayMs?: number;
  /** New instances are PROVISIONING, then STAGING, and RUNNING after this long (default 500 ms). */
  readonly instanceStartMs?: number;
  /** `operations.wait` answers after at most this long, done or not (default 120 000 ms, as Google). */
  readonly waitTimeoutMs?: number;
  /** vCPUs instances may use per project and region; beyond, inserts fail with QUOTA_EXCEEDED (default 1000). */
  readonly cpuQuotaPerRegion?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

const DEFAULTS = {operationDelayMs: 100, instanceStartMs: 500, waitTimeoutMs: 120_000, cpuQuotaPerRegion: 1000};

/**
 * The one simulated Google Cloud every GCE-side service sees: managed instance groups create Compute
 * instances, instances run as IAM service accounts. Any project id works; public images live in
 * `ubuntu-os-cloud` and `debian-cloud`.
 */
export class GceState {
  readonly compute = new ComputeStore();
  readonly operations = new OperationStore();
  readonly managedGroups = new ManagedGroups();
  readonly dns = new DnsState();
  readonly iam = new IamState();
  /** The listeners behind clusters' API addresses, which the simulated Kubernetes API answers on. */
  readonly apiFrontends = new ApiFrontends((path) => this.compute.get(path));
  /** Creates resources directly, e.g. another cluster's, for a test to work around. */
  readonly seed = new GceSeeder(this);
  operationDelayMs = DEFAULTS.operationDelayMs;
  instanceStartMs = DEFAULTS.instanceStartMs;
  waitTimeoutMs = DEFAULTS.waitTimeoutMs;
  cpuQuotaPerRegion = DEFAULTS.cpuQuotaPerRegion;
  #now: () => number = Date.now;

  constructor(options: GceSimOptions = {}) {
    this.configure(options);
    seedPublicImages(this);
  }

  /** Changes the pace; settings not given keep their value. */
  configure(options: GceSimOptions): void {
    this.operationDelayMs = options.operationDelayMs ?? this.operationDelayMs;
    this.instanceStartMs = options.instanceStartMs ?? this.instanceStartMs;
    this.waitTimeoutMs = options.waitTimeoutMs ?? this.waitTimeoutMs;
    this.cpuQuotaPerRegion = options.cpuQuotaPerRegion ?? this.cpuQuotaPerRegion;
    this.#now = options.now ?? this.#now;
  }

  now(): number {
    return this.#now();
  }

  /** Moves the world forward before and after each call: instances boot, managed groups converge. */
  reconcile(): void {
    settleInstances(this);
    reconcileManagedGroups(this);
  }

  /** Forgets every Compute resource and operation; the public images come back. */
  clearCompute(): void {
    this.apiFrontends.closeAll();
    this.compute.clear();
    this.operations.clear();
    this.managedGroups.clear();
    seedPublicImages(this);
  }
}
