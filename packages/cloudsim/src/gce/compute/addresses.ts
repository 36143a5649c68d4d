import {str, strings} from '../json.js';
import {invalidField, requiredField, resourceInUse} from '../wire/google-error.js';
import type {ComputeResource} from './compute-store.js';
import type {ResourceFamily} from './family.js';
import {externalAddress, internalAddress, isIpv4} from './ip-addresses.js';
import {resolveReference} from './references.js';
import {scopeType} from './scopes.js';

/**
 * Static addresses, regional or global, external or internal (from a subnetwork). An address a forwarding
 * rule uses is IN_USE with the rule in `users`, and cannot be deleted until the rule is gone. A cluster's
 * regional address is `127.0.0.1:<port>` of a real listener instead of an IP (see `ApiFrontends`).
 */
export const addresses: ResourceFamily = {
  collection: 'addresses',
  kind: 'compute#address',
  typeName: 'address',
  scopes: ['global', 'region'],
  labelled: true,

  create(input, ctx) {
    const addressType = str(input.addressType) ?? 'EXTERNAL';
    if (addressType !== 'EXTERNAL' && addressType !== 'INTERNAL') throw invalidField('resource.addressType', addressType, 'Must be EXTERNAL or INTERNAL.');
    const regional = scopeType(ctx.scope) === 'region';
    if (addressType === 'INTERNAL' && regional) {
      if (input.subnetwork === undefined) throw requiredField('resource.subnetwork');
      const subnetwork = resolveReference(ctx, input.subnetwork, {field: 'resource.subnetwork', collection: 'subnetworks', scope: ctx.scope});
      const address = (input.address === undefined ? ctx.state.apiFrontends.claim(ctx.path) : undefined) ?? internalAddress(ctx.state, subnetwork, 'resource.address', input.address);
      return {...ctx.base, address, addressType, subnetwork: subnetwork.selfLink, purpose: str(input.purpose) ?? 'GCE_ENDPOINT', status: 'RESERVED'};
    }
    const requested = str(input.address);
    if (requested !== undefined && !isIpv4(requested)) throw invalidField('resource.address', requested, 'Must be an IPv4 address.');
    return {
      ...ctx.base,
      address: requested ?? ctx.state.apiFrontends.claim(ctx.path) ?? externalAddress(ctx.state, ctx.project),
      addressType,
      ...(addressType === 'EXTERNAL' ? {networkTier: str(input.networkTier) ?? 'PREMIUM'} : {}),
      ...(regional ? {} : {ipVersion: str(input.ipVersion) ?? 'IPV4'}),
      ...(typeof input.purpose === 'string' ? {purpose: input.purpose} : {}),
      status: 'RESERVED',
    };
  },

  beforeDelete(address, ctx) {
    const [user] = strings(address.body.users);
    if (user !== undefined) throw resourceInUse('address', address.path, user.replace(/^.*\/compute\/v1\//, ''));
    ctx.state.apiFrontends.close(address.path);
  },
};

/** Marks the address as used by (or, with `inUse: false`, released from) a forwarding rule. */
export function setAddressUser(address: ComputeResource, userLink: string, inUse: boolean): void {
  const users = strings(address.body.users).filter((link) => link !== userLink);
  if (inUse) users.push(userLink);
  if (users.length > 0) address.body.users = users;
  else delete address.body.users;
  address.body.status = users.length > 0 ? 'IN_USE' : 'RESERVED';
}
