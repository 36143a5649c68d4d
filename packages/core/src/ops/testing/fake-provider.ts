/**
 * A CloudProvider over the engine's in-memory FakeCloud, for testing how the operations are wired (which
 * spec reaches the model, what is written to the store, when the state goes). It models a cluster as one
 * `network` and one `group` per instance group referring to it. Real providers are tested against their
 * wire simulators.
 */
import type {FieldProblem} from '../../errors.js';
import {FakeCloud} from '../../engine/testing/fake-cloud.js';
import type {ClusterBundle} from '../../model/index.js';
import {PROVIDER_API_VERSION, isRef, ref} from '../../provider/index.js';
import type {
  CloudConnection,
  CloudModel,
  CloudProvider,
  DesiredResource,
  SupportLevel,
  TerraformBlock,
} from '../../provider/index.js';

export class FakeProvider implements CloudProvider {
  readonly apiVersion = PROVIDER_API_VERSION;
  readonly cloud: string;
  readonly supportLevel: SupportLevel = 'stable';
  readonly defaults = {
    controlPlaneMachineType: 'fake.medium',
    nodeMachineType: 'fake.small',
    bastionMachineType: 'fake.tiny',
    image: 'fake/image',
  };
  readonly cloudSim = new FakeCloud({network: {}, group: {}});
  /** How often `connect` was called: operations that must not touch the cloud leave it at 0. */
  connects = 0;
  /** Set to make buildModel fail, as it does for a spec the provider cannot model. */
  modelError: Error | undefined;

  constructor(cloud = 'fake') {
    this.cloud = cloud;
  }

  /** Zones of this cloud start with `fake-`. */
  validateZones(zones: readonly string[]): FieldProblem[] {
    return zones
      .filter((zone) => !zone.startsWith('fake-'))
      .map((zone) => ({path: 'zones', message: `"${zone}" is not a zone of the fake cloud`}));
  }

  buildModel(bundle: ClusterBundle): CloudModel {
    if (this.modelError) throw this.modelError;
    const name = bundle.cluster.metadata.name;
    const network: DesiredResource = {kind: 'network', name, properties: {cidr: bundle.cluster.spec.networkCIDR ?? ''}};
    const groups = bundle.instanceGroups.map(
      (ig): DesiredResource => ({
        kind: 'group',
        name: ig.metadata.name,
        properties: {
          network: ref('network', name),
          size: ig.spec.minSize,
          machineType: ig.spec.machineType ?? this.defaults.nodeMachineType,
          kubernetesVersion: bundle.cluster.spec.kubernetesVersion ?? '',
        },
      }),
    );
    const files = bundle.instanceGroups.map((ig) => ({path: `data/${ig.metadata.name}_user-data`, content: `#cloud-config\n# ${ig.metadata.name}\n`}));
    return {resources: [network, ...groups], files};
  }

  async connect(): Promise<CloudConnection> {
    this.connects++;
    return this.cloudSim.connection();
  }

  renderTerraform(resource: DesiredResource): TerraformBlock {
    const body = Object.fromEntries(
      Object.entries(resource.properties).map(([key, value]) => [
        key,
        isRef(value) ? `\${fake_${value.$ref.kind}.${terraformName(value.$ref.name)}.${value.$ref.attribute}}` : value,
      ]),
    );
    return {block: 'resource', type: `fake_${resource.kind}`, name: terraformName(resource.name), body};
  }
}

function terraformName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
