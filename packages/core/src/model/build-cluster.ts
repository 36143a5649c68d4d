import {ValidationError, type FieldProblem} from '../errors.js';
import {carveSubnetCidrs} from './carve-subnet-cidrs.js';
import {isNoDnsName} from './cluster-name.js';
import {
  DEFAULT_ACCESS,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_NETWORKING,
  DEFAULT_NON_MASQUERADE_CIDR,
  defaultApi,
  serviceRangeFor,
} from './defaults.js';
import {completeEtcdClusters} from './etcd-clusters.js';
import {
  API_VERSION,
  CLUSTER_LABEL,
  INSTANCE_GROUP_LABEL,
  SUPPORTED_NETWORKING,
  type ClusterBundle,
  type ClusterSubnetSpec,
  type InstanceGroup,
  type InstanceGroupSpec,
  type TopologySpec,
} from './types.js';

/** What `kopsx create cluster` asks for; the flags map one to one. */
export interface CreateClusterOptions {
  name: string;
  /** The provider's cloud name; written as `cloudProvider: {<cloud>: {}}`. */
  cloud: string;
  /** Zones for nodes (one node group each) and, unless `controlPlaneZones` is given, for control planes. */
  zones: string[];
  controlPlaneZones?: string[];
  /** Default: the number of `controlPlaneZones`, else 1. */
  controlPlaneCount?: number;
  controlPlaneSize?: string;
  /** Default: one node per zone. */
  nodeCount?: number;
  nodeSize?: string;
  controlPlaneVolumeSize?: number;
  nodeVolumeSize?: number;
  /** CIDRs allowed to reach the API; default anywhere. */
  adminAccess?: string[];
  /** CIDRs allowed to SSH; default `adminAccess`, else anywhere. */
  sshAccess?: string[];
  /** Default `public`. */
  topology?: 'public' | 'private';
  /** A `bastions` group in the utility subnets; needs the private topology. */
  bastion?: boolean;
  /** One of SUPPORTED_NETWORKING; default `cilium`. */
  networking?: string;
  kubernetesVersion?: string;
  /** Not part of the spec: the CLI stores it as the cluster's admin SSH key. */
  sshPublicKey?: string;
  dnsZone?: string;
  /** Kind of DNS zone for names outside `.k8s.local`; default `public`. */
  dns?: 'public' | 'private';
  networkCIDR?: string;
  /** Image for every group; when absent the provider picks one. */
  image?: string;
  /** Where the cluster's files live; the CLI passes `<state store url>/<name>`. */
  configBase?: string;
  /** The cloud project the cluster lives in (kOps' `spec.project`, used by clouds that have projects). */
  project?: string;
}

const CONTROL_PLANE = 'control-plane';

/**
 * The cluster `kopsx create cluster` stores, shaped like kOps' own output. Only cloud-neutral choices are made
 * here: machine types and images stay empty unless given, for the provider to default. Throws ValidationError
 * for options that cannot describe a cluster; check the result with `assertValid` (name, CIDRs, DNS zone, ...)
 * before storing it.
 */
export function buildCluster(options: CreateClusterOptions): ClusterBundle {
  const problems = optionProblems(options);
  if (problems.length > 0) throw new ValidationError(problems);

  const {name} = options;
  const topologyKind = options.topology ?? 'public';
  const networking = options.networking ?? DEFAULT_NETWORKING;
  const allZones = [...new Set([...options.zones, ...(options.controlPlaneZones ?? [])])];
  const subnets = carveSubnetCidrs(zoneSubnets(allZones, topologyKind), options.networkCIDR ?? DEFAULT_NETWORK_CIDR);
  const utilitySubnets = subnets.filter((s) => s.type === 'Utility').map((s) => s.name);

  const controlPlanes = placeControlPlanes(options).map(({group, zone}) =>
    instanceGroup(name, group, {
      role: 'ControlPlane',
      minSize: 1,
      maxSize: 1,
      subnets: [zone],
      ...defined({machineType: options.controlPlaneSize, image: options.image, rootVolumeSize: options.controlPlaneVolumeSize}),
    }),
  );
  const nodes = nodeCounts(options).map(({zone, count}) =>
    instanceGroup(name, `nodes-${zone}`, {
      role: 'Node',
      minSize: count,
      maxSize: count,
      subnets: [zone],
      ...defined({machineType: options.nodeSize, image: options.image, rootVolumeSize: options.nodeVolumeSize}),
    }),
  );
  const bastions = options.bastion
    ? [
        instanceGroup(name, 'bastions', {
          role: 'Bastion',
          minSize: 1,
          maxSize: 1,
          subnets: utilitySubnets,
          ...defined({image: options.image}),
        }),
      ]
    : [];

  const dnsType = isNoDnsName(name) ? 'None' : options.dns === 'private' ? 'Private' : 'Public';
  const topology: TopologySpec = {
    controlPlane: topologyKind,
    nodes: topologyKind,
    dns: {type: dnsType},
    ...(options.bastion && dnsType !== 'None' ? {bastion: {bastionPublicName: `bastion.${name}`}} : {}),
  };

  return {
    cluster: {
      apiVersion: API_VERSION,
      kind: 'Cluster',
      metadata: {name},
      spec: {
        cloudProvider: {[options.cloud]: {}},
        kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
        networkCIDR: options.networkCIDR ?? DEFAULT_NETWORK_CIDR,
        nonMasqueradeCIDR: DEFAULT_NON_MASQUERADE_CIDR,
        serviceClusterIPRange: serviceRangeFor(DEFAULT_NON_MASQUERADE_CIDR),
        networking: {[networking]: {}},
        subnets,
        topology,
        api: defaultApi(topology),
        kubernetesApiAccess: [...(options.adminAccess ?? DEFAULT_ACCESS)],
        sshAccess: [...(options.sshAccess ?? options.adminAccess ?? DEFAULT_ACCESS)],
        etcdClusters: completeEtcdClusters([], controlPlanes.map((ig) => ig.metadata.name)),
        ...defined({configBase: options.configBase, dnsZone: options.dnsZone, project: options.project}),
      },
    },
    instanceGroups: [...bastions, ...controlPlanes, ...nodes].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
  };
}

function optionProblems(options: CreateClusterOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, hint?: string) => problems.push({path, message, ...defined({hint})});
  if (options.zones.length === 0) add('zones', 'at least one zone is required', 'name the zones the cluster runs in');
  for (const [path, zones] of [['zones', options.zones], ['controlPlaneZones', options.controlPlaneZones ?? []]] as const) {
    const repeated = zones.filter((zone, i) => zones.indexOf(zone) !== i);
    if (repeated.length > 0) add(path, `lists ${repeated.join(', ')} more than once`);
  }
  const {controlPlaneCount, controlPlaneZones = []} = options;
  if (controlPlaneCount !== undefined && !(Number.isInteger(controlPlaneCount) && controlPlaneCount >= 1)) {
    add('controlPlaneCount', `must be a whole number of at least 1, not ${controlPlaneCount}`, 'use 1, 3 or 5');
  } else if (controlPlaneCount !== undefined && controlPlaneCount < controlPlaneZones.length) {
    add(
      'controlPlaneCount',
      `is ${controlPlaneCount} but ${controlPlaneZones.length} control-plane zones are given`,
      'give at least one control plane per control-plane zone',
    );
  }
  for (const key of ['nodeCount', 'controlPlaneVolumeSize', 'nodeVolumeSize'] as const) {
    const value = options[key];
    const minimum = key === 'nodeCount' ? 0 : 1;
    if (value !== undefined && !(Number.isInteger(value) && value >= minimum)) {
      add(key, `must be a whole number of at least ${minimum}, not ${value}`);
    }
  }
  const networking = options.networking ?? DEFAULT_NETWORKING;
  if (!(SUPPORTED_NETWORKING as readonly string[]).includes(networking)) {
    add('networking', `"${networking}" is not a known network plugin`, `use one of: ${SUPPORTED_NETWORKING.join(', ')}`);
  }
  if (options.bastion && options.topology !== 'private') {
    add('bastion', 'a bastion needs the private topology', 'add --topology private, or drop --bastion');
  }
  if (networking === 'kubenet' && options.topology === 'private') {
    add('networking', 'kubenet cannot route pods across private subnets', 'use a CNI such as cilium or calico');
  }
  return problems;
}

/** Private topology: a Private subnet per zone plus a Utility one for load balancers and NAT; public: one Public. */
function zoneSubnets(zones: readonly string[], topology: 'public' | 'private'): ClusterSubnetSpec[] {
  if (topology === 'public') return zones.map((zone) => ({name: zone, zone, type: 'Public'}));
  return [
    ...zones.map((zone): ClusterSubnetSpec => ({name: zone, zone, type: 'Private'})),
    ...zones.map((zone): ClusterSubnetSpec => ({name: `utility-${zone}`, zone, type: 'Utility'})),
  ];
}

/** Round-robin over the zones; when zones repeat, every group gets a per-zone number (`-1`, `-2`, ...). */
function placeControlPlanes(options: CreateClusterOptions): {group: string; zone: string}[] {
  const zones = options.controlPlaneZones?.length ? options.controlPlaneZones : options.zones;
  const count = options.controlPlaneCount ?? (options.controlPlaneZones?.length || 1);
  return Array.from({length: count}, (_, i) => {
    const zone = zones[i % zones.length] ?? '';
    const suffix = count > zones.length ? `-${Math.floor(i / zones.length) + 1}` : '';
    return {group: `${CONTROL_PLANE}-${zone}${suffix}`, zone};
  });
}

/** Spreads the nodes over the zones, the first zones taking one more when the count does not divide evenly. */
function nodeCounts(options: CreateClusterOptions): {zone: string; count: number}[] {
  const total = options.nodeCount ?? options.zones.length;
  const base = Math.floor(total / options.zones.length);
  const remainder = total % options.zones.length;
  return options.zones.map((zone, i) => ({zone, count: base + (i < remainder ? 1 : 0)}));
}

function instanceGroup(cluster: string, name: string, spec: InstanceGroupSpec): InstanceGroup {
  return {
    apiVersion: API_VERSION,
    kind: 'InstanceGroup',
    metadata: {name, labels: {[CLUSTER_LABEL]: cluster}},
    spec: {...spec, nodeLabels: {[INSTANCE_GROUP_LABEL]: name}},
  };
}

/** The entries whose value is set, so that absent options leave no `undefined` keys in the spec. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
