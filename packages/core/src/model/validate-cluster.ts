import type {FieldProblem} from '../errors.js';
import {cloudProviderProblem} from './cloud-of.js';
import {NO_DNS_SUFFIX, isNoDnsName, isValidClusterName} from './cluster-name.js';
import {SUPPORTED_NETWORKING, type Cluster} from './types.js';

const KUBERNETES_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Checks of the Cluster document itself: name, cloud, version, network plugin, DNS. */
export function clusterProblems(cluster: Cluster): FieldProblem[] {
  const {name} = cluster.metadata;
  const {spec} = cluster;
  const problems: FieldProblem[] = [];

  if (!isValidClusterName(name)) {
    problems.push({
      path: 'metadata.name',
      message: `"${name}" is not a DNS name (two or more lowercase labels of letters, digits and dashes)`,
      hint: `use a name under a domain you own, like dev.example.com, or ${suggestNoDnsName(name)} for a cluster without DNS`,
    });
  }

  const cloudProblem = cloudProviderProblem(cluster);
  if (cloudProblem) problems.push(cloudProblem);

  if (spec.kubernetesVersion !== undefined && !KUBERNETES_VERSION.test(spec.kubernetesVersion)) {
    problems.push({
      path: 'spec.kubernetesVersion',
      message: `"${spec.kubernetesVersion}" is not a version`,
      hint: 'write a release such as v1.35.7',
    });
  }

  const plugins = Object.keys(spec.networking ?? {});
  if (spec.networking && plugins.length !== 1) {
    problems.push({
      path: 'spec.networking',
      message: `names ${plugins.length} network plugins; exactly one is needed`,
      hint: 'e.g. "networking: {cilium: {}}"',
    });
  }
  for (const plugin of plugins) {
    if (!(SUPPORTED_NETWORKING as readonly string[]).includes(plugin)) {
      problems.push({
        path: `spec.networking.${plugin}`,
        message: `"${plugin}" is not a supported network plugin`,
        hint: `use one of: ${SUPPORTED_NETWORKING.join(', ')}`,
      });
    }
  }
  if (plugins.includes('kubenet') && spec.subnets.some((s) => s.type === 'Private')) {
    problems.push({
      path: 'spec.networking.kubenet',
      message: 'kubenet cannot route pods across private subnets',
      hint: 'use a CNI such as cilium or calico',
    });
  }

  problems.push(...dnsProblems(cluster));
  return problems;
}

function dnsProblems({metadata: {name}, spec}: Cluster): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const dnsType = spec.topology?.dns?.type;
  const noDns = isNoDnsName(name);
  if (noDns && dnsType !== undefined && dnsType !== 'None') {
    problems.push({
      path: 'spec.topology.dns.type',
      message: `is ${dnsType}, but a ${NO_DNS_SUFFIX} cluster publishes no DNS records`,
      hint: 'set it to None, or rename the cluster under a domain you own',
    });
  }
  const publishesDns = !noDns && dnsType !== 'None';
  if (publishesDns && !spec.dnsZone) {
    const parent = name.slice(name.indexOf('.') + 1);
    problems.push({
      path: 'spec.dnsZone',
      message: `is required: cluster "${name}" publishes its API address in DNS`,
      hint: `set dnsZone to the zone holding the name (e.g. ${parent}), or use a name ending in ${NO_DNS_SUFFIX}`,
    });
  }
  if (!publishesDns && spec.api?.dns) {
    problems.push({
      path: 'spec.api.dns',
      message: 'needs DNS records, but this cluster publishes none',
      hint: 'use "api: {loadBalancer: {type: Public}}"',
    });
  }
  return problems;
}

/** `My_Cluster.prod` → `my-cluster.k8s.local`: a name that would pass, to show in the hint. */
function suggestNoDnsName(name: string): string {
  const label = (name.split('.')[0] ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${label || 'my-cluster'}${NO_DNS_SUFFIX}`;
}
