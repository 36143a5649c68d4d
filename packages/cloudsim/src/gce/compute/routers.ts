import {isJson, records, str, strings, type Json} from '../json.js';
import {GoogleApiError, invalidField, requiredField} from '../wire/google-error.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {resolveReference} from './references.js';

const RANGES_TO_NAT = ['ALL_SUBNETWORKS_ALL_IP_RANGES', 'ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES', 'LIST_OF_SUBNETWORKS'];

/** Cloud Routers, simulated for their Cloud NAT configurations (`nats[]`). */
export const routers: ResourceFamily = {
  collection: 'routers',
  kind: 'compute#router',
  typeName: 'router',
  scopes: ['region'],

  create(input, ctx) {
    if (input.network === undefined) throw requiredField('resource.network');
    const network = resolveReference(ctx, input.network, {field: 'resource.network', collection: 'networks'});
    return {...ctx.base, network: network.selfLink, ...routerFields(input, ctx)};
  },

  patch(router, input, ctx) {
    Object.assign(router.body, routerFields({nats: router.body.nats, bgp: router.body.bgp, ...input}, ctx));
  },

  update(router, input, ctx) {
    delete router.body.nats;
    delete router.body.bgp;
    Object.assign(router.body, routerFields(input, ctx));
  },
};

function routerFields(input: Json, ctx: ComputeContext): Json {
  const nats = records(input.nats).map((nat, index) => natConfig(nat, index, ctx));
  const names = nats.map((nat) => nat.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new GoogleApiError(400, 'invalid', `Duplicate NAT name '${String(duplicate)}' in router.`);
  return {
    ...(nats.length > 0 ? {nats} : {}),
    ...(isJson(input.bgp) ? {bgp: {asn: input.bgp.asn ?? 64512, advertiseMode: input.bgp.advertiseMode ?? 'DEFAULT', keepaliveInterval: 20}} : {}),
  };
}

/** One Cloud NAT: which subnetworks it serves and where its external addresses come from. */
function natConfig(nat: Json, index: number, ctx: ComputeContext): Json {
  const field = `resource.nats[${index}]`;
  const name = str(nat.name);
  if (name === undefined) throw requiredField(`${field}.name`);
  const rangesToNat = str(nat.sourceSubnetworkIpRangesToNat);
  if (rangesToNat === undefined) throw requiredField(`${field}.sourceSubnetworkIpRangesToNat`);
  if (!RANGES_TO_NAT.includes(rangesToNat)) throw invalidField(`${field}.sourceSubnetworkIpRangesToNat`, rangesToNat, `Must be one of ${RANGES_TO_NAT.join(', ')}.`);
  const allocate = str(nat.natIpAllocateOption) ?? 'AUTO_ONLY';
  const natIps = strings(nat.natIps).map((address) =>
    resolveReference(ctx, address, {field: `${field}.natIps`, collection: 'addresses', scope: ctx.scope}).selfLink);
  if (allocate === 'MANUAL_ONLY' && natIps.length === 0) throw requiredField(`${field}.natIps`);
  const subnetworks = records(nat.subnetworks).map((subnetwork, subnetIndex) => ({
    name: resolveReference(ctx, subnetwork.name, {field: `${field}.subnetworks[${subnetIndex}].name`, collection: 'subnetworks', scope: ctx.scope}).selfLink,
    sourceIpRangesToNat: strings(subnetwork.sourceIpRangesToNat).length > 0 ? strings(subnetwork.sourceIpRangesToNat) : ['ALL_IP_RANGES'],
  }));
  if (rangesToNat === 'LIST_OF_SUBNETWORKS' && subnetworks.length === 0) throw requiredField(`${field}.subnetworks`);
  return {
    ...nat,
    name,
    natIpAllocateOption: allocate,
    sourceSubnetworkIpRangesToNat: rangesToNat,
    ...(natIps.length > 0 ? {natIps} : {}),
    ...(subnetworks.length > 0 ? {subnetworks} : {}),
    enableEndpointIndependentMapping: nat.enableEndpointIndependentMapping ?? false,
    endpointTypes: strings(nat.endpointTypes).length > 0 ? nat.endpointTypes : ['ENDPOINT_TYPE_VM'],
  };
}
