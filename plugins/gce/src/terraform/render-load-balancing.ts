/** Terraform bodies of the API load balancer's address, health check, backend service and forwarding rule, and the DNS records. */
import {Kind} from '../kinds.js';
import type {BodyRenderer} from './body-renderer.js';
import {address, interpolate, prop as p} from './terraform-refs.js';

export const loadBalancingBodies: Readonly<Record<string, BodyRenderer>> = {
  [Kind.address]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    region: p(r, 'region'),
    address_type: p(r, 'addressType'),
    subnetwork: p(r, 'subnetwork'),
    labels: p(r, 'labels'),
  }),
  [Kind.healthCheck]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    region: p(r, 'region'),
    https_health_check: {port: p(r, 'port'), request_path: p(r, 'requestPath')},
  }),
  [Kind.backendService]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    region: p(r, 'region'),
    load_balancing_scheme: p(r, 'loadBalancingScheme'),
    protocol: p(r, 'protocol'),
    network: p(r, 'network'),
    health_checks: p(r, 'healthChecks'),
    backend: (p(r, 'backends') as unknown[]).map((group) => ({group, balancing_mode: 'CONNECTION'})),
  }),
  [Kind.forwardingRule]: (r) => ({
    name: r.name,
    description: p(r, 'description'),
    region: p(r, 'region'),
    load_balancing_scheme: p(r, 'loadBalancingScheme'),
    ip_address: p(r, 'IPAddress'),
    ip_protocol: p(r, 'IPProtocol'),
    ports: p(r, 'ports'),
    backend_service: p(r, 'backendService'),
    network: p(r, 'network'),
    subnetwork: p(r, 'subnetwork'),
    labels: p(r, 'labels'),
  }),
  // Every managed zone of the project; a record picks its own by DNS name and visibility.
  [Kind.dnsZone]: () => ({}),
  [Kind.dnsRecord]: (r) => {
    const zone = String(r.properties.dnsZone);
    const visibility = r.properties.privateZone === true ? 'private' : 'public';
    const zones = address(Kind.dnsZone, zone, 'managedZones');
    return {
      managed_zone: interpolate(`one([for z in ${zones} : z.name if z.dns_name == "${zone}." && z.visibility == "${visibility}"])`),
      name: `${r.name}.`,
      type: p(r, 'type'),
      ttl: p(r, 'ttl'),
      rrdatas: p(r, 'rrdatas'),
    };
  },
};
