import {clusterOfDescription} from '../gce/compute/api-frontends.js';
import type {ComputeResource} from '../gce/compute/compute-store.js';
import type {GceState} from '../gce/gce-state.js';
import {records, str, stringMap} from '../gce/json.js';
import type {ApiConnectionHandler, CloudMachine, MachineCloud} from './machine-cloud.js';

/** The kopsx GCE provider's instance labels (label keys cannot hold `/` or `.`). */
const ROLE_LABEL = 'kopsx-k8s-io-role';
const INSTANCE_GROUP_LABEL = 'kopsx-k8s-io-instance-group';
const BOOTING = new Set(['PROVISIONING', 'STAGING']);

/**
 * The simulated Google Cloud as the Kubernetes API sees it: an instance whose description says a kopsx
 * cluster owns it (`Managed by kopsx for cluster <name>`) is a machine of that cluster, named by its instance
 * name (GCE's hostname); its cloud-config is the `user-data` metadata value. A cluster's API front ends are its
 * static addresses with a listener (`ApiFrontends`), served once a forwarding rule uses them.
 */
export class GceMachines implements MachineCloud {
  readonly name = 'gce';
  readonly #gce: GceState;

  constructor(gce: GceState) {
    this.#gce = gce;
  }

  now(): number {
    return this.#gce.now();
  }

  clusterNames(): string[] {
    return this.#instances().flatMap((instance) => clusterOfDescription(instance.body.description) ?? []);
  }

  machines(clusterName: string): CloudMachine[] {
    this.#gce.reconcile();
    return this.#instances().flatMap((instance): CloudMachine[] => {
      const status = str(instance.body.status) ?? '';
      if (clusterOfDescription(instance.body.description) !== clusterName) return [];
      if (status !== 'RUNNING' && !BOOTING.has(status)) return [];
      const labels = stringMap(instance.body.labels);
      const role = roleOf(labels[ROLE_LABEL]);
      const group = labels[INSTANCE_GROUP_LABEL];
      const zone = instance.scope.slice('zones/'.length);
      const machineType = lastSegment(str(instance.body.machineType) ?? '');
      return [{
        identity: instance,
        instanceId: str(instance.body.id) ?? instance.path,
        nodeName: instance.name,
        userData: () => userDataOf(instance),
        runningSince: status === 'RUNNING' ? runningSince(instance) : undefined,
        ...(role ? {role} : {}),
        labels: group === undefined ? {} : {'kops.k8s.io/instancegroup': group},
        host: {
          providerId: `gce://${instance.project}/${zone}/${instance.name}`,
          privateIp: str(records(instance.body.networkInterfaces)[0]?.networkIP) ?? '',
          region: zone.replace(/-[a-z]$/, ''),
          zone,
          instanceType: machineType,
          // Google's Arm machine series (Tau T2A, Axion C4A) run arm64.
          architecture: /^(t2a|c4a)-/.test(machineType) ? 'arm64' : 'amd64',
        },
      }];
    });
  }

  onApiConnection(handler: ApiConnectionHandler): void {
    this.#gce.apiFrontends.onConnection((address, socket) => {
      // A reserved address nobody forwards from reaches no backend.
      const forwarded = address?.body.status === 'IN_USE';
      handler(forwarded ? clusterOfDescription(address.body.description) : undefined, socket);
    });
  }

  #instances(): ComputeResource[] {
    return this.#gce.compute.all().filter((resource) => resource.collection === 'instances');
  }
}

function roleOf(label: string | undefined): 'control-plane' | 'node' | undefined {
  return label === 'control-plane' || label === 'node' ? label : undefined;
}

function lastSegment(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

/** The `user-data` metadata value: text, or base64 when `user-data-encoding: base64` says so (then maybe gzipped). */
function userDataOf(instance: ComputeResource): Buffer | undefined {
  const metadata = instance.body.metadata as {items?: unknown} | undefined;
  const items = records(metadata?.items);
  const value = str(items.find((item) => item.key === 'user-data')?.value);
  if (value === undefined) return undefined;
  const encoding = str(items.find((item) => item.key === 'user-data-encoding')?.value);
  return Buffer.from(value, encoding === 'base64' ? 'base64' : 'utf8');
}

/** When the instance became RUNNING, as Google records it. */
function runningSince(instance: ComputeResource): number {
  const started = Date.parse(str(instance.body.lastStartTimestamp) ?? '');
  return Number.isNaN(started) ? instance.createdAt : started;
}
