/** The suffix that marks a cluster without DNS: its API is reached through a load balancer, no records are published. */
export const NO_DNS_SUFFIX = '.k8s.local';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Is `name` a DNS name of at least two lowercase labels (`dev.example.com`, `dev.k8s.local`)? */
export function isValidClusterName(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split('.');
  return labels.length >= 2 && labels.every((label) => label.length <= 63 && DNS_LABEL.test(label));
}

/** Is `name` a lowercase DNS label or subdomain, as Kubernetes object names (instance groups) must be? */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label));
}

export function isNoDnsName(clusterName: string): boolean {
  return clusterName.endsWith(NO_DNS_SUFFIX);
}
