import {isJson, str} from '../json.js';
import {GoogleApiError} from '../wire/google-error.js';
import type {ComputeResource} from './compute-store.js';
import type {ComputeContext, ResourceFamily} from './family.js';
import {createResource} from './resource-handlers.js';
import {REGION_NAMES} from './scopes.js';
import {subnetworks} from './subnetworks.js';

/** The ranges Google gives the subnetworks of an auto mode network, per region. */
const AUTO_MODE_RANGES: Readonly<Record<string, string>> = {
  'us-central1': '10.128.0.0/20',
  'europe-west1': '10.132.0.0/20',
  'us-east1': '10.142.0.0/20',
};

/**
 * VPC networks, auto mode (a subnetwork named after the network in every region, deleted with it) or
 * custom mode. Networks carry no labels in the v1 API: ownership goes by name or description.
 */
export const networks: ResourceFamily = {
  collection: 'networks',
  kind: 'compute#network',
  typeName: 'network',
  scopes: ['global'],
  inUseBy: ['subnetworks', 'firewalls', 'routers', 'instances', 'forwardingRules', 'addresses', 'backendServices'],

  create(input, {base}) {
    if (input.IPv4Range !== undefined) throw new GoogleApiError(400, 'invalid', 'Legacy networks are not supported; create a VPC network with autoCreateSubnetworks.');
    if (typeof input.autoCreateSubnetworks !== 'boolean') {
      throw new GoogleApiError(400, 'invalid',
        "Invalid value for field 'resource.autoCreateSubnetworks': unset. Set true for an auto mode network or false for a custom mode one; legacy networks are not supported.");
    }
    const routingMode = isJson(input.routingConfig) ? str(input.routingConfig.routingMode) : undefined;
    return {
      ...base,
      autoCreateSubnetworks: input.autoCreateSubnetworks,
      subnetworks: [],
      routingConfig: {routingMode: routingMode ?? 'REGIONAL'},
      mtu: typeof input.mtu === 'number' ? input.mtu : 1460,
      networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
      selfLinkWithId: String(base.selfLink).replace(/[^/]+$/, String(base.id)),
    };
  },

  afterInsert(network, ctx) {
    if (network.body.autoCreateSubnetworks !== true) return;
    for (const region of REGION_NAMES) {
      createResource(ctx.state, {
        family: subnetworks,
        project: network.project,
        scope: `regions/${region}`,
        input: {name: network.name, network: network.selfLink, ipCidrRange: AUTO_MODE_RANGES[region]},
      });
    }
  },

  ownsDependent: (network, user) => isAutoSubnetwork(network, user),

  beforeDelete(network, ctx) {
    for (const subnetwork of ctx.state.compute.list('subnetworks', network.project)) {
      if (isAutoSubnetwork(network, subnetwork)) removeSubnetwork(ctx, subnetwork);
    }
  },

  patch(network, input) {
    if (isJson(input.routingConfig) && typeof input.routingConfig.routingMode === 'string') {
      network.body.routingConfig = {routingMode: input.routingConfig.routingMode};
    }
    if (typeof input.mtu === 'number') network.body.mtu = input.mtu;
    if (typeof input.description === 'string') network.body.description = input.description;
  },

  methods: {
    switchToCustomMode: {
      mutating: true,
      run(network) {
        if (network.body.autoCreateSubnetworks !== true) throw new GoogleApiError(400, 'invalid', `The network '${network.path}' is already in custom mode.`);
        network.body.autoCreateSubnetworks = false;
      },
    },
  },
};

function isAutoSubnetwork(network: ComputeResource, subnetwork: ComputeResource): boolean {
  return network.body.autoCreateSubnetworks === true && subnetwork.collection === 'subnetworks' &&
    subnetwork.name === network.name && subnetwork.body.network === network.selfLink;
}

function removeSubnetwork(ctx: ComputeContext, subnetwork: ComputeResource): void {
  subnetworks.beforeDelete?.(subnetwork, ctx);
  ctx.state.compute.remove(subnetwork);
}
