/** Terraform bodies of the network kinds and the service accounts. Shared networks are read by name. */
import type {DesiredResource} from '@kopsx/core';
import {Kind} from '../kinds.js';
import {lastSegment} from '../names.js';
import type {BodyRenderer} from './body-renderer.js';
import {address, interpolate, prop as p} from './terraform-refs.js';

export const networkBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.network]: (r) =>
    isShared(r)
      ? sharedLookup(r)
      : {name: r.name, description: p(r, 'description'), auto_create_subnetworks: p(r, 'autoCreateSubnetworks'), routing_mode: p(r, 'routingMode')},
  [Kind.subnetwork]: (r) =>
    isShared(r)
      ? {...sharedLookup(r), region: /regions\/([^/]+)\//.exec(r.id ?? '')?.[1]}
      : {
          name: r.name,
          description: p(r, 'description'),
          network: p(r, 'network'),
          region: p(r, 'region'),
          ip_cidr_range: p(r, 'ipCidrRange'),
          private_ip_google_access: p(r, 'privateIpGoogleAccess'),
        },
  [Kind.firewall]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    network: p(r, 'network'),
    direction: p(r, 'direction'),
    priority: p(r, 'priority'),
    allow: ((r.properties.allowed ?? []) as {IPProtocol: string; ports?: string[]}[]).map(({IPProtocol, ports}) => ({protocol: IPProtocol, ports})),
    source_ranges: p(r, 'sourceRanges'),
    source_tags: p(r, 'sourceTags'),
    target_tags: p(r, 'targetTags'),
  }),
  [Kind.router]: (r) => ({name: r.name, description: p(r, 'description'), network: p(r, 'network'), region: p(r, 'region')}),
  [Kind.routerNat]: (r) => {
    const router = r.properties.router as {$ref: {name: string}};
    return {
      name: r.name,
      router: interpolate(address(Kind.router, router.$ref.name, 'name')),
      region: p(r, 'region'),
      source_subnetwork_ip_ranges_to_nat: p(r, 'sourceSubnetworkIpRangesToNat'),
      nat_ip_allocate_option: p(r, 'natIpAllocateOption'),
      subnetwork: (p(r, 'subnetworks') as unknown[]).map((name) => ({name, source_ip_ranges_to_nat: ['ALL_IP_RANGES']})),
    };
  },
  [Kind.serviceAccount]: (r) => ({account_id: r.name, display_name: p(r, 'displayName'), description: p(r, 'description')}),
};

function isShared(r: DesiredResource): boolean {
  return r.lifecycle === 'shared';
}

/** `global/networks/n` or `projects/p/global/networks/n` as a data source's arguments. */
function sharedLookup(r: DesiredResource): Record<string, unknown> {
  const link = r.id ?? r.name;
  return {name: lastSegment(link), project: /^projects\/([^/]+)\//.exec(link)?.[1]};
}

