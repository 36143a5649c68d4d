/**
 * What every part of the model needs to know about the cluster, worked out once from the completed spec:
 * names, region, which subnets kopsx creates and how other resources refer to them.
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
import {clusterScopedName, partitionOf} from '../names.js';
import {ownedTags} from '../tags.js';
import type {Tags} from '../tags.js';

export interface ResourceOptions {
  /** @default 'owned' */
  readonly lifecycle?: 'owned' | 'shared';
  readonly id?: string;
  readonly dependsOn?: readonly string[];
  /** Tags beyond the ownership tags every owned resource gets. */
  readonly tags?: Tags;
}

/**
 * Kinds whose AWS resources carry tags that discovery reads back: their `tags` property holds the full set, so
 * that creates, previews and Terraform output all show the same tags. IAM roles and profiles, security group
 * rules, load balancers, target groups and listeners are tagged on create by their handlers but not compared:
 * reading their tags back would cost a call per listing (ELB and IAM list tags separately); routes,
 * associations, inline policies and DNS records have no tags.
 */
const TAGGED_KINDS: ReadonlySet<string> = new Set([
  Kind.vpc,
  Kind.internetGateway,
  Kind.subnet,
  Kind.routeTable,
  Kind.elasticIp,
  Kind.natGateway,
  Kind.securityGroup,
  Kind.keyPair,
  Kind.launchTemplate,
  Kind.autoscalingGroup,
  Kind.ebsVolume,
]);

/** A subnet as the model uses it: its spec and how to refer to its ID. */
export interface ModelSubnet {
  readonly spec: ClusterSubnetSpec;
  /** Position in `spec.subnets`, for error paths. */
  readonly index: number;
  readonly zone: string;
  readonly shared: boolean;
  readonly resourceName: string;
  readonly id: Ref;
}

export class ModelContext {
  readonly clusterName: string;
  readonly region: string;
  readonly partition: string;
  readonly subnets: readonly ModelSubnet[];
  readonly zones: readonly string[];
  readonly resources: DesiredResource[] = [];
  readonly files: ModelFile[] = [];

  constructor(
    readonly bundle: ClusterBundle,
    readonly inputs: ModelInputs,
  ) {
    const {cluster} = bundle;
    this.clusterName = cluster.metadata.name;
    this.subnets = cluster.spec.subnets.map((spec, index) => this.modelSubnet(spec, index));
    this.zones = [...new Set(this.subnets.map((s) => s.zone))];
    const region = regionOfCluster(bundle);
    if (!region) {
      throw new ValidationError([{path: 'spec.subnets', message: 'no subnet names an AWS zone', hint: 'run completeCluster on the spec first'}]);
    }
    this.region = region;
    this.partition = partitionOf(region);
  }

  get spec() {
    return this.bundle.cluster.spec;
  }

  get instanceGroups(): readonly InstanceGroup[] {
    return this.bundle.instanceGroups;
  }

  /** `.k8s.local` clusters (and `topology.dns.type: None`) publish no DNS records and need no hosted zone. */
  get usesDns(): boolean {
    return !this.clusterName.endsWith('.k8s.local') && this.spec.topology?.dns?.type !== 'None';
  }

  /** `<prefix>.<cluster name>`: the logical and AWS-visible name of most resources. */
  named(prefix: string): string {
    return clusterScopedName(prefix, this.clusterName);
  }

  add(kind: string, name: string, properties: Record<string, PropertyValue | undefined>, options: ResourceOptions = {}): Ref {
    const {tags, ...resourceOptions} = options;
    const tagged = TAGGED_KINDS.has(kind) && options.lifecycle !== 'shared';
    const all = tagged ? {...properties, tags: ownedTags(this.clusterName, kind, name, tags)} : properties;
    // Optional properties are left out rather than set to undefined, so that desired and observed compare equal.
    const defined = Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as Properties;
    this.resources.push({kind, name, properties: defined, ...resourceOptions});
    return ref(kind, name);
  }

  /** The VPC's ID: the shared one from `spec.networkID`, or the one kopsx creates. */
  vpcId(): Ref {
    return ref(Kind.vpc, this.spec.networkID ?? this.clusterName);
  }

  subnet(name: string, path: string): ModelSubnet {
    const subnet = this.subnets.find((s) => s.spec.name === name);
    if (!subnet) throw new ValidationError([{path, message: `names subnet "${name}", which the cluster does not define`}]);
    return subnet;
  }

  /** The zones an instance group runs in, from its subnets. */
  zonesOf(group: InstanceGroup): string[] {
    return group.spec.subnets.map((name, index) => this.subnet(name, `${group.metadata.name}.spec.subnets[${index}]`).zone);
  }

  private modelSubnet(spec: ClusterSubnetSpec, index: number): ModelSubnet {
    if (!spec.zone) {
      throw new ValidationError([{path: `spec.subnets[${index}].zone`, message: 'an AWS subnet needs a zone', hint: 'set zone, e.g. us-east-1a'}]);
    }
    // A shared resource's logical name is its ID: kopsx never names it, and two clusters may share it.
    const resourceName = spec.id ?? this.named(spec.name);
    return {spec, index, zone: spec.zone, shared: spec.id !== undefined, resourceName, id: ref(Kind.subnet, resourceName)};
  }
}
