import type {FieldProblem} from '../errors.js';
import {cidrContains, cidrsOverlap, type Cidr} from './cidr.js';
import {readCidr} from './read-cidr.js';
import type {ClusterSpec, NetworkingSpec} from './types.js';

/** A CIDR that parsed, with where it was found. */
interface Located {
  readonly path: string;
  readonly text: string;
  readonly cidr: Cidr;
}

/** Reads CIDRs from a spec, collecting the problems of those that do not parse. */
class CidrReader {
  readonly problems: FieldProblem[] = [];

  read(path: string, text: string | undefined, allowIpv6 = false): Located | undefined {
    if (text === undefined) return undefined;
    const cidr = readCidr(path, text, this.problems, {allowIpv6});
    return cidr && {path, text, cidr};
  }
}

/**
 * Address checks: every CIDR parses; subnets have unique names, a zone or region, and lie inside the network
 * without overlapping each other; the Kubernetes ranges (non-masquerade, services, pods) are consistent and
 * clear of the network; access lists hold CIDRs.
 */
export function networkProblems(spec: ClusterSpec): FieldProblem[] {
  const reader = new CidrReader();
  const networks = [
    reader.read('spec.networkCIDR', spec.networkCIDR),
    ...(spec.additionalNetworkCIDRs ?? []).map((text, i) => reader.read(`spec.additionalNetworkCIDRs[${i}]`, text)),
  ].filter((n) => n !== undefined);
  const subnets = checkSubnets(spec, networks, reader);
  checkKubernetesRanges(spec, networks, subnets, reader);
  for (const list of ['kubernetesApiAccess', 'sshAccess'] as const) {
    spec[list]?.forEach((text, i) => reader.read(`spec.${list}[${i}]`, text, true));
  }
  return reader.problems;
}

/** Checks the subnets and returns the CIDRs of those that have a valid one. */
function checkSubnets(spec: ClusterSpec, networks: readonly Located[], reader: CidrReader): Located[] {
  const {problems} = reader;
  if (spec.subnets.length === 0) {
    problems.push({
      path: 'spec.subnets',
      message: 'at least one subnet is required',
      hint: 'add one per zone, e.g. {name: <zone>, zone: <zone>, type: Public}',
    });
  }
  const names = new Set<string>();
  const located: Located[] = [];
  spec.subnets.forEach((subnet, i) => {
    const path = `spec.subnets[${i}]`;
    if (names.has(subnet.name)) {
      problems.push({path: `${path}.name`, message: `"${subnet.name}" is used by another subnet`, hint: 'give each subnet its own name'});
    }
    names.add(subnet.name);
    if (subnet.zone === undefined && subnet.region === undefined) {
      problems.push({path, message: 'has neither zone nor region', hint: 'set the zone the subnet lives in'});
    }
    const current = reader.read(`${path}.cidr`, subnet.cidr);
    if (!current) return;
    if (networks.length > 0 && !networks.some((n) => cidrContains(n.cidr, current.cidr))) {
      problems.push({
        path: current.path,
        message: `${current.text} is outside the network (${networks.map((n) => n.text).join(', ')})`,
        hint: 'pick a block inside networkCIDR, or leave cidr out to have one carved',
      });
    }
    const clash = located.find((other) => cidrsOverlap(other.cidr, current.cidr));
    if (clash) {
      problems.push({path: current.path, message: `${current.text} overlaps ${clash.path} (${clash.text})`, hint: 'subnets need disjoint CIDRs'});
    }
    located.push(current);
  });
  return located;
}

/**
 * Services and pods live inside the non-masquerade range, apart from each other; that range stays clear of the
 * network, unless the network plugin gives pods addresses from the network itself.
 */
function checkKubernetesRanges(spec: ClusterSpec, networks: readonly Located[], subnets: readonly Located[], reader: CidrReader): void {
  const {problems} = reader;
  const nonMasquerade = reader.read('spec.nonMasqueradeCIDR', spec.nonMasqueradeCIDR, true);
  const services = reader.read('spec.serviceClusterIPRange', spec.serviceClusterIPRange, true);
  const pods = reader.read('spec.podCIDR', spec.podCIDR, true);
  const podsOnNetwork = podsUseNetworkAddresses(spec.networking);

  for (const range of [services, pods]) {
    if (!range || !nonMasquerade || range.cidr.family !== nonMasquerade.cidr.family) continue;
    if (!cidrContains(nonMasquerade.cidr, range.cidr)) {
      problems.push({path: range.path, message: `${range.text} must lie inside nonMasqueradeCIDR ${nonMasquerade.text}`});
    }
  }
  if (services && pods && cidrsOverlap(services.cidr, pods.cidr)) {
    problems.push({
      path: pods.path,
      message: `${pods.text} overlaps serviceClusterIPRange ${services.text}`,
      hint: 'pods and services need separate ranges',
    });
  }
  const clashing = nonMasquerade && !podsOnNetwork ? networks.filter((n) => cidrsOverlap(nonMasquerade.cidr, n.cidr)) : [];
  for (const network of clashing) {
    problems.push({
      path: 'spec.nonMasqueradeCIDR',
      message: `${spec.nonMasqueradeCIDR} overlaps ${network.path} (${network.text})`,
      hint: 'Kubernetes addresses must not collide with the network; the default 100.64.0.0/10 is clear of private ranges',
    });
  }
  const ranges = [services, ...(podsOnNetwork ? [] : [pods])].filter((r) => r !== undefined);
  for (const subnet of subnets) {
    for (const range of ranges.filter((r) => cidrsOverlap(r.cidr, subnet.cidr))) {
      problems.push({path: subnet.path, message: `${subnet.text} overlaps ${range.path} (${range.text})`});
    }
  }
}

/** Warnings for access lists open to the whole internet. */
export function accessWarnings(spec: ClusterSpec): FieldProblem[] {
  const what = {kubernetesApiAccess: 'the Kubernetes API', sshAccess: 'SSH'} as const;
  return (['kubernetesApiAccess', 'sshAccess'] as const).flatMap((list) => {
    const index = spec[list]?.findIndex((text) => text === '0.0.0.0/0' || text === '::/0') ?? -1;
    if (index < 0) return [];
    return [
      {
        path: `spec.${list}[${index}]`,
        message: `${spec[list]?.[index]} opens ${what[list]} to the whole internet`,
        hint: `restrict spec.${list} to the address ranges you connect from`,
      },
    ];
  });
}

/** Plugins that give pods addresses from the network's own subnets (amazonvpc, cilium in ENI mode). */
function podsUseNetworkAddresses(networking: NetworkingSpec | undefined): boolean {
  const cilium = networking?.['cilium'];
  const ciliumIpam = typeof cilium === 'object' && cilium !== null ? (cilium as Record<string, unknown>)['ipam'] : undefined;
  return networking?.['amazonvpc'] !== undefined || ciliumIpam === 'eni';
}
