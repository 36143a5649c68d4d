/**
 * What every part of the model needs to know about the cluster, worked out once from the completed spec:
 * names, region, which subnetworks kopsx creates and how other resources refer to them.
 */
import {ValidationError, ref} from '@kopsx/core';
import type {
  ClusterBundle,
  ClusterSubnetSpec,
  DesiredResource,
  InstanceGroup,
  ModelFile,
  ModelInputs,
  Properties,
  PropertyValue,
  Ref,
} from '@kopsx/core';
import {regionOfCluster} from '../cluster-region.js';
import {Kind} from '../kinds.js';
import {NAME_MAX, gceName, regionOfZone} from '../names.js';
import {gceLabels, ownedLabels, ownerDescription} from '../ownership.js';
import type {Labels} from '../ownership.js';
import {partialLink} from '../links.js';

export interface ResourceOptions {
  /** @default 'owned' */
  readonly lifecycle?: 'owned' | 'shared';
  readonly id?: string;
  readonly dependsOn?: readonly string[];
  /** Labels beyond the cluster's, for the kinds that carry labels. */
  readonly labels?: Labels;
}

/**
 * Kinds whose Google resources carry labels: their `labels` property holds the full set (the cluster's label,
 * `spec.cloudLabels`, and what the kind adds), so that creates, previews and Terraform output all agree.
 */
const LABELLED_KINDS: ReadonlySet<string> = new Set([Kind.instanceTemplate, Kind.disk, Kind.address, Kind.forwardingRule]);

/** Kinds without a description: Cloud NATs live inside their router, DNS records have none. */
const UNDESCRIBED_KINDS: ReadonlySet<string> = new Set([Kind.routerNat, Kind.dnsRecord, Kind.dnsZone]);

/** A cluster subnet as the model uses it: its spec and how to refer to its subnetwork. */
export interface ModelSubnet {
  readonly spec: ClusterSubnetSpec;
  /** Position in `spec.subnets`, for error paths. */
  readonly index: number;
  /** The zone of a zonal subnet; GCE subnetworks themselves span the region. */
  readonly zone: string | undefined;
  readonly shared: boolean;
  readonly resourceName: string;
  /** A reference to the subnetwork kopsx creates, or the link of a shared one. */
  readonly link: Ref | string;
}

export class ModelContext {
  readonly clusterName: string;
  readonly region: string;
  readonly subnets: readonly ModelSubnet[];
  readonly resources: DesiredResource[] = [];
  readonly files: ModelFile[] = [];

  constructor(
    readonly bundle: ClusterBundle,
    readonly inputs: ModelInputs,
  ) {
    this.clusterName = bundle.cluster.metadata.name;
    const region = regionOfCluster(bundle);
    if (!region) {
      throw new ValidationError([{path: 'spec.subnets', message: 'no subnet names a GCE zone or region', hint: 'run completeCluster on the spec first'}]);
    }
    this.region = region;
    this.subnets = bundle.cluster.spec.subnets.map((spec, index) => this.modelSubnet(spec, index));
  }

  get spec() {
    return this.bundle.cluster.spec;
  }

  get instanceGroups(): readonly InstanceGroup[] {
    return this.bundle.instanceGroups;
  }

  /** `.k8s.local` clusters (and `topology.dns.type: None`) publish no DNS records and make no Cloud DNS call. */
  get usesDns(): boolean {
    return !this.clusterName.endsWith('.k8s.local') && this.spec.topology?.dns?.type !== 'None';
  }

  /** `spec.cloudLabels`, in Google's label alphabet. */
  get cloudLabels(): Record<string, string> {
    return gceLabels(this.spec.cloudLabels);
  }

  /** The Google name of a resource of the cluster: `<prefix>-<cluster>-<hash>` (see names.ts). */
  named(prefix: string, max = NAME_MAX): string {
    return gceName(prefix, this.clusterName, max);
  }

  add(kind: string, name: string, properties: Record<string, PropertyValue | undefined>, options: ResourceOptions = {}): Ref {
    const {labels, ...resourceOptions} = options;
    const owned = options.lifecycle !== 'shared';
    const all = {
      ...properties,
      // The description is how discovery knows the resource is the cluster's (see ownership.ts).
      ...(owned && !UNDESCRIBED_KINDS.has(kind) ? {description: ownerDescription(this.clusterName)} : {}),
      ...(owned && LABELLED_KINDS.has(kind) ? {labels: ownedLabels(this.clusterName, {...this.cloudLabels, ...labels})} : {}),
    };
    // Optional properties are left out rather than set to undefined, so that desired and observed compare equal.
    const defined = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as Properties;
    this.resources.push({kind, name, properties: defined, ...resourceOptions});
    return ref(kind, name);
  }

  /**
   * The network: a reference to the one kopsx creates, or the link of the shared one `spec.networkID` names.
   * Shared resources are referred to by link, as the spec gives them, in the cloud and in Terraform output alike.
   */
  networkLink(): Ref | string {
    const {networkID} = this.spec;
    return networkID ? partialLink('networks', networkID) : ref(Kind.network, this.named('network'));
  }

  subnet(name: string, path: string): ModelSubnet {
    const subnet = this.subnets.find((s) => s.spec.name === name);
    if (!subnet) throw new ValidationError([{path, message: `names subnet "${name}", which the cluster does not define`}]);
    return subnet;
  }

  /** The subnets of an instance group, in its spec's order. */
  subnetsOf(group: InstanceGroup): ModelSubnet[] {
    return group.spec.subnets.map((name, index) => this.subnet(name, `${group.metadata.name}.spec.subnets[${index}]`));
  }

  /** The zones an instance group runs in: `spec.zones`, else the zones of its zonal subnets. */
  zonesOf(group: InstanceGroup): string[] {
    const zones = group.spec.zones?.length ? group.spec.zones : this.subnetsOf(group).flatMap((s) => s.zone ?? []);
    if (zones.length === 0) {
      throw new ValidationError([
        {path: `${group.metadata.name}.spec.zones`, message: 'the group\'s subnets are regional and it names no zones', hint: 'set spec.zones, e.g. [us-central1-a]'},
      ]);
    }
    return [...new Set(zones)];
  }

  private modelSubnet(spec: ClusterSubnetSpec, index: number): ModelSubnet {
    const region = spec.region ?? (spec.zone === undefined ? undefined : regionOfZone(spec.zone));
    if (region !== this.region) {
      throw new ValidationError([
        {path: `spec.subnets[${index}]`, message: `needs a zone or region of ${this.region}`, hint: 'set zone, e.g. us-central1-a'},
      ]);
    }
    // A shared subnetwork's logical name is the name the spec gives: kopsx never names it, and two clusters may share it.
    const resourceName = spec.id ?? this.named(spec.name);
    const link = spec.id ? partialLink('subnetworks', spec.id, `regions/${this.region}`) : ref(Kind.subnetwork, resourceName);
    return {spec, index, zone: spec.zone, shared: spec.id !== undefined, resourceName, link};
  }
}
