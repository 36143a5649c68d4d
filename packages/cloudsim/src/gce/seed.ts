import {SIM_GCP_PROJECT} from '../sim-env.js';
import {COMPUTE_FAMILIES} from './compute/families.js';
import {createResource} from './compute/resource-handlers.js';
import type {ScopeKey} from './compute/scopes.js';
import {createZone} from './dns/managed-zones.js';
import type {GceState} from './gce-state.js';
import {createServiceAccount} from './iam/service-accounts.js';
import type {Json} from './json.js';

type Labels = Readonly<Record<string, string>>;

interface InProject {
  /** Default `kopsx-sim` (the simulator's `GOOGLE_CLOUD_PROJECT`). */
  readonly project?: string;
}

/**
 * Creates resources directly, without API calls, operations or request-log entries: the "foreign"
 * resources a test needs around the ones under test (another cluster's network, an unlabelled instance).
 * The same checks apply as through the API (names unique, references resolve, ranges valid, ...).
 */
export class GceSeeder {
  readonly #state: GceState;

  constructor(state: GceState) {
    this.#state = state;
  }

  /** Any Compute resource, as `insert` would create it from `resource` (the request body); returns its body. */
  compute(collection: string, scope: ScopeKey, resource: Json, options: InProject = {}): Json {
    const family = COMPUTE_FAMILIES.get(collection);
    if (!family) throw new Error(`no simulated Compute collection "${collection}"; known: ${[...COMPUTE_FAMILIES.keys()].join(', ')}`);
    const created = createResource(this.#state, {family, project: options.project ?? SIM_GCP_PROJECT, scope, input: resource});
    this.#state.reconcile();
    return created.body;
  }

  network(spec: InProject & {readonly name: string; readonly autoCreateSubnetworks?: boolean; readonly description?: string}): Json {
    const {project, ...input} = spec;
    return this.compute('networks', 'global', {autoCreateSubnetworks: false, ...input}, {...(project ? {project} : {})});
  }

  subnetwork(spec: InProject & {readonly name: string; readonly network: string; readonly region: string; readonly ipCidrRange: string}): Json {
    const {project, region, network, ...input} = spec;
    return this.compute('subnetworks', `regions/${region}`, {...input, network: `global/networks/${network}`}, {...(project ? {project} : {})});
  }

  firewall(spec: InProject & {readonly name: string; readonly network: string; readonly sourceRanges?: readonly string[]; readonly targetTags?: readonly string[]}): Json {
    const {project, network, ...input} = spec;
    return this.compute('firewalls', 'global', {allowed: [{IPProtocol: 'tcp', ports: ['22']}], ...input, network: `global/networks/${network}`}, {...(project ? {project} : {})});
  }

  /** A RUNNING instance (it skips PROVISIONING), by default an e2-medium on Debian 12 in the network `default`. */
  instance(spec: InProject & {
    readonly name: string;
    readonly zone: string;
    readonly labels?: Labels;
    readonly machineType?: string;
    readonly subnetwork?: string;
    readonly network?: string;
  }): Json {
    const {project, zone, machineType = 'e2-medium', subnetwork, network, ...input} = spec;
    const body = this.compute('instances', `zones/${zone}`, {
      ...input,
      machineType: `zones/${zone}/machineTypes/${machineType}`,
      disks: [{boot: true, autoDelete: true, initializeParams: {sourceImage: 'projects/debian-cloud/global/images/family/debian-12'}}],
      networkInterfaces: [{
        ...(subnetwork ? {subnetwork: `regions/${zone.replace(/-[a-z]$/, '')}/subnetworks/${subnetwork}`} : {}),
        ...(network ? {network: `global/networks/${network}`} : {}),
      }],
    }, {...(project ? {project} : {})});
    body.status = 'RUNNING';
    return body;
  }

  disk(spec: InProject & {readonly name: string; readonly zone: string; readonly sizeGb?: number; readonly labels?: Labels}): Json {
    const {project, zone, ...input} = spec;
    return this.compute('disks', `zones/${zone}`, input, {...(project ? {project} : {})});
  }

  /** A reserved external address, regional (`region`) or global. */
  address(spec: InProject & {readonly name: string; readonly region?: string; readonly labels?: Labels}): Json {
    const {project, region, ...input} = spec;
    return this.compute('addresses', region ? `regions/${region}` : 'global', input, {...(project ? {project} : {})});
  }

  serviceAccount(spec: InProject & {readonly accountId: string; readonly displayName?: string}): string {
    return createServiceAccount(this.#state, {...spec, project: spec.project ?? SIM_GCP_PROJECT}).email;
  }

  managedZone(spec: InProject & {readonly name: string; readonly dnsName: string; readonly visibility?: 'public' | 'private'}): Json {
    const {project, ...body} = spec;
    return createZone({state: this.#state, project: project ?? SIM_GCP_PROJECT, body: {description: '', ...body}, query: new URLSearchParams()});
  }
}
