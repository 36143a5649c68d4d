/**
 * Terraform names and expressions. A reference between desired resources becomes an interpolation of the
 * referenced block's attribute, so the output keeps the graph instead of literal links.
 */
import {isRef} from '@kopsx/core';
import type {DesiredResource, PropertyValue, Ref} from '@kopsx/core';
import {Kind} from '../kinds.js';

interface TerraformTarget {
  readonly type: string;
  readonly data?: boolean;
  /** Our attribute names that Terraform spells differently; others are converted to snake_case. */
  readonly attributes?: Readonly<Record<string, string>>;
}

const TARGETS: Readonly<Record<string, TerraformTarget>> = {
  [Kind.network]: {type: 'google_compute_network'},
  [Kind.subnetwork]: {type: 'google_compute_subnetwork'},
  [Kind.firewall]: {type: 'google_compute_firewall'},
  [Kind.router]: {type: 'google_compute_router'},
  [Kind.routerNat]: {type: 'google_compute_router_nat'},
  [Kind.serviceAccount]: {type: 'google_service_account'},
  [Kind.instanceTemplate]: {type: 'google_compute_instance_template'},
  [Kind.instanceGroupManager]: {type: 'google_compute_instance_group_manager'},
  [Kind.disk]: {type: 'google_compute_disk'},
  [Kind.address]: {type: 'google_compute_address'},
  [Kind.healthCheck]: {type: 'google_compute_region_health_check'},
  [Kind.backendService]: {type: 'google_compute_region_backend_service'},
  [Kind.forwardingRule]: {type: 'google_compute_forwarding_rule'},
  [Kind.dnsZone]: {type: 'google_dns_managed_zones', data: true},
  [Kind.dnsRecord]: {type: 'google_dns_record_set'},
};

/** Shared networks and subnetworks are read through data sources (the model refers to them by link, not by reference). */
export function terraformTarget(resource: Pick<DesiredResource, 'kind' | 'lifecycle'>): TerraformTarget {
  const target = TARGETS[resource.kind];
  if (!target) throw new Error(`the GCE provider has no Terraform type for kind "${resource.kind}"`);
  return resource.lifecycle === 'shared' ? {...target, data: true} : target;
}

/** Terraform block names allow letters, digits, `_` and `-`, and start with a letter or `_`. */
export function terraformName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}

/** `google_compute_network.network-dev-example-com-3k9f.id`, without the `${}`. */
export function address(kind: string, name: string, attribute: string): string {
  const target = terraformTarget({kind});
  const field = target.attributes?.[attribute] ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return `${target.data ? 'data.' : ''}${target.type}.${terraformName(name)}.${field}`;
}

export function interpolate(expression: string): string {
  return `\${${expression}}`;
}

/** A property value in Terraform JSON: references become interpolations, everything else stays as it is. */
export function tfValue(value: PropertyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (isRef(value)) return refExpression(value);
  if (Array.isArray(value)) return value.map((item: PropertyValue) => tfValue(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tfValue(item)]));
  }
  return value;
}

/** A resource's property in Terraform JSON. */
export function prop(resource: DesiredResource, field: string): unknown {
  return tfValue(resource.properties[field]);
}

function refExpression({$ref}: Ref): string {
  return interpolate(address($ref.kind, $ref.name, $ref.attribute));
}

/** A body without the fields left undefined (Terraform JSON has no `undefined`). */
export function compact(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
