/**
 * The resource kinds of the GCE provider: the words that appear in plans
 * (`subnetwork/us-central1-a-dev-example-com-3k9f`) and tie a desired resource to its handler and its
 * Terraform type.
 */
export const Kind = {
  network: 'network',
  subnetwork: 'subnetwork',
  firewall: 'firewall',
  router: 'router',
  routerNat: 'router-nat',
  serviceAccount: 'service-account',
  instanceTemplate: 'instance-template',
  instanceGroupManager: 'instance-group-manager',
  disk: 'disk',
  address: 'address',
  healthCheck: 'health-check',
  backendService: 'backend-service',
  forwardingRule: 'forwarding-rule',
  /** A lookup of the zone DNS records go in: shared, never changed; Terraform output reads it as a data source. */
  dnsZone: 'dns-zone',
  dnsRecord: 'dns-record',
} as const;
