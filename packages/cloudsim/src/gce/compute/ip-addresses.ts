import {randomInt} from 'node:crypto';
import {hostAddress, parseCidr, type Cidr} from '../../aws/ec2/cidr.js';
import type {GceState} from '../gce-state.js';
import {records, str} from '../json.js';
import {invalidField} from '../wire/google-error.js';
import type {ComputeResource} from './compute-store.js';

/** Every IPv4 address held in the project: instance interfaces, NAT IPs, reserved addresses, forwarding rules. */
function addressesInUse(state: GceState, project: string): Set<string> {
  const used = new Set<string>();
  for (const instance of state.compute.list('instances', project)) {
    for (const nic of records(instance.body.networkInterfaces)) {
      used.add(str(nic.networkIP) ?? '');
      for (const access of records(nic.accessConfigs)) used.add(str(access.natIP) ?? '');
    }
  }
  for (const address of state.compute.list('addresses', project)) used.add(str(address.body.address) ?? '');
  for (const rule of state.compute.list('forwardingRules', project)) used.add(str(rule.body.IPAddress) ?? '');
  return used;
}

/**
 * An internal address in a subnetwork: the requested one if it is in range and free, else the lowest free
 * one. As in GCE, the first two addresses (network, gateway) and the last two are reserved.
 */
export function internalAddress(state: GceState, subnetwork: ComputeResource, field: string, requested?: unknown): string {
  const cidr = parseCidr(String(subnetwork.body.ipCidrRange)) as Cidr;
  const size = 2 ** (32 - cidr.prefix);
  const used = addressesInUse(state, subnetwork.project);
  const usable = (offset: number) => offset >= 2 && offset < size - 2;
  if (typeof requested === 'string' && requested !== '') {
    const offset = addressOffset(requested, cidr);
    if (offset === undefined || !usable(offset)) {
      throw invalidField(field, requested, `Requested internal IP is outside the subnetwork CIDR range ${String(subnetwork.body.ipCidrRange)}.`);
    }
    if (used.has(requested)) throw invalidField(field, requested, 'IP address is already being used by another resource.');
    return requested;
  }
  for (let offset = 2; usable(offset); offset += 1) {
    const candidate = hostAddress(cidr, offset);
    if (!used.has(candidate)) return candidate;
  }
  throw invalidField(field, subnetwork.path, 'The subnetwork has no free IP addresses left.');
}

/** A fresh external address, as Google hands out ephemeral and reserved ones (from 34.0.0.0/8 here). */
export function externalAddress(state: GceState, project: string): string {
  const used = addressesInUse(state, project);
  for (;;) {
    const candidate = `34.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function isIpv4(text: string): boolean {
  return parseCidr(`${text}/32`) !== undefined;
}

function addressOffset(address: string, cidr: Cidr): number | undefined {
  const parsed = parseCidr(`${address}/32`);
  if (!parsed) return undefined;
  const offset = parsed.base - cidr.base;
  return offset >= 0 && offset < 2 ** (32 - cidr.prefix) ? offset : undefined;
}
