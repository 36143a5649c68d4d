import {str, strings} from '../json.js';
import {GoogleApiError, invalidField} from '../wire/google-error.js';
import {setAddressUser} from './addresses.js';
import type {ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {externalAddress, internalAddress, isIpv4} from './ip-addresses.js';
import {optionalReference, resolveReference} from './references.js';
import {scopeType} from './scopes.js';

/**
 * Forwarding rules: an IP address and ports sent to a target pool or a backend service. An `IPAddress`
 * that is a reserved address (by IP or by URL) marks that address IN_USE; without one an ephemeral
 * address is assigned.
 */
export const forwardingRules: ResourceFamily = {
  collection: 'forwardingRules',
  kind: 'compute#forwardingRule',
  typeName: 'forwarding_rule',
  scopes: ['global', 'region'],
  labelled: true,

  create(input, ctx) {
    const scheme = str(input.loadBalancingScheme) ?? 'EXTERNAL';
    const target = optionalReference(ctx, input.target, {field: 'resource.target', collection: 'targetPools', scope: ctx.scope});
    const backendService = optionalReference(ctx, input.backendService, {field: 'resource.backendService', collection: 'backendServices', scope: ctx.scope});
    if ((target === undefined) === (backendService === undefined)) {
      throw new GoogleApiError(400, 'invalid', "Invalid value for field 'resource': exactly one of 'target' or 'backendService' must be specified.");
    }
    const subnetwork = optionalReference(ctx, input.subnetwork, {field: 'resource.subnetwork', collection: 'subnetworks', scope: ctx.scope});
    const network = optionalReference(ctx, input.network, {field: 'resource.network', collection: 'networks'});
    const ports = strings(input.ports);
    return {
      ...ctx.base,
      IPAddress: ruleAddress(ctx, input.IPAddress, scheme, subnetwork),
      IPProtocol: str(input.IPProtocol) ?? 'TCP',
      ...(ports.length > 0 ? {ports} : input.allPorts === true ? {allPorts: true} : {portRange: portRange(input.portRange)}),
      ...(target === undefined ? {} : {target}),
      ...(backendService === undefined ? {} : {backendService}),
      loadBalancingScheme: scheme,
      ...(network === undefined ? {} : {network}),
      ...(subnetwork === undefined ? {} : {subnetwork}),
      ...(scheme === 'EXTERNAL' ? {networkTier: str(input.networkTier) ?? 'PREMIUM'} : {}),
      fingerprint: '',
    };
  },

  afterInsert(rule, ctx) {
    const address = reservedAddress(ctx, rule);
    if (address) setAddressUser(address, rule.selfLink, true);
  },

  beforeDelete(rule, ctx) {
    const address = reservedAddress(ctx, rule);
    if (address) setAddressUser(address, rule.selfLink, false);
  },

  methods: {
    setTarget: {
      mutating: true,
      run(rule, call) {
        rule.body.target = resolveReference(call, call.body.target, {field: 'target', collection: 'targetPools', scope: call.scope}).selfLink;
      },
    },
  },
};

/** `80` → `80-80`; Google stores port ranges as ranges. */
function portRange(value: unknown): string {
  if (value === undefined) return '1-65535';
  const match = typeof value === 'string' ? /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value) : null;
  if (!match) throw invalidField('resource.portRange', value, "Must be a port or a range like '443-443'.");
  return `${match[1]}-${match[2] ?? match[1]}`;
}

/** The rule's IP: a reserved address (by URL or by IP), a given literal, or a fresh ephemeral one. */
function ruleAddress(ctx: ComputeContext, value: unknown, scheme: string, subnetwork: string | undefined): string {
  // A cluster's API address is `127.0.0.1:<port>` (see `ApiFrontends`): taken as given, like an IP.
  if (typeof value === 'string' && value.startsWith('127.0.0.1:') && addressesInScope(ctx).some((address) => address.body.address === value)) {
    return value;
  }
  if (typeof value === 'string' && value !== '' && !isIpv4(value)) {
    return String(resolveReference(ctx, value, {field: 'resource.IPAddress', collection: 'addresses', scope: ctx.scope}).body.address);
  }
  if (typeof value === 'string' && value !== '') {
    const reserved = addressesInScope(ctx).find((address) => address.body.address === value);
    if (reserved?.body.status === 'IN_USE') throw invalidField('resource.IPAddress', value, 'The address is already being used by another resource.');
    return value;
  }
  const subnet = subnetwork === undefined ? undefined : ctx.state.compute.byLink(subnetwork);
  return scheme === 'INTERNAL' && subnet ? internalAddress(ctx.state, subnet, 'resource.IPAddress') : externalAddress(ctx.state, ctx.project);
}

function reservedAddress(ctx: ComputeContext, rule: ComputeResource): ComputeResource | undefined {
  return addressesInScope({...ctx, scope: rule.scope}).find((address) => address.body.address === rule.body.IPAddress);
}

function addressesInScope(ctx: ComputeContext): ComputeResource[] {
  const scope = scopeType(ctx.scope) === 'global' ? 'global' : ctx.scope;
  return ctx.state.compute.list('addresses', ctx.project, scope);
}
