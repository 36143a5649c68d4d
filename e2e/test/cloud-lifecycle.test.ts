/**
 * A cluster's whole life on the AWS simulator, through the built CLI with the AWS provider linked: store the
 * spec, preview, apply, converge, change an instance group, apply again, delete — and nothing that is not the
 * cluster's is touched on the way.
 */
import {parseManifests} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {awsState, clusterResources, IPV4_ACCESS, startAwsWorld} from './support/aws-world.js';
import type {AwsWorld} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';

const NAME = 'life.k8s.local';
const NODES = 'nodes-us-east-1a';

interface JsonPlan {
  summary: {create: number; modify: number; replace: number; delete: number};
  changes: Array<{action: string; key: string; fieldChanges: Array<{field: string; before: unknown; after: unknown}>}>;
}

let plugins: LinkedPlugins;
let world: AwsWorld;
let otherVpcId: string;
let untaggedVpcId: string;

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  world = await startAwsWorld(plugins);
  const aws = awsState(world.sim);
  otherVpcId = aws.seed.vpc({cidrBlock: '10.9.0.0/16', tags: {KubernetesCluster: 'other.k8s.local', 'kubernetes.io/cluster/other.k8s.local': 'owned'}}).id;
  untaggedVpcId = aws.seed.vpc({cidrBlock: '10.8.0.0/16'}).id;
});
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

const kopsx = (args: string[]) => world.user.ok(args);
const jsonPlan = async (): Promise<JsonPlan> => JSON.parse(await kopsx(['update', 'cluster', NAME, '-o', 'json'])) as JsonPlan;
const liveIds = () => new Set(world.sim.resources().map((r) => r.id));
/** What the cloud holds; Kubernetes nodes come and go on their own as machines boot. */
const cloudResources = () => world.sim.resources().filter((r) => r.cloud !== 'kubernetes');

describe(`the life of ${NAME}`, () => {
  it('create cluster stores the spec and creates nothing in the cloud', async () => {
    await kopsx(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a', ...IPV4_ACCESS]);
    expect(clusterResources(world.sim, NAME)).toEqual([]);
  });

  it('the first preview lists every resource to create, and changes nothing', async () => {
    const before = world.sim.resources();
    const preview = await kopsx(['update', 'cluster', NAME]);
    expect(preview).toMatch(/^Will create resources:\n/);
    for (const key of ['vpc/life.k8s.local', `autoscaling-group/${NODES}.${NAME}`, `launch-template/${NODES}.${NAME}`, `load-balancer/api.${NAME}`]) {
      expect(preview).toMatch(new RegExp(`^  ${key.replaceAll('.', '\\.')}$`, 'm'));
    }
    const listed = preview.match(/^ {2}\S+\/\S+$/gm) ?? [];
    expect(preview).toContain(`\n${listed.length} to create, 0 to modify, 0 to delete\n`);
    expect(preview).toContain(`Must specify --yes to apply changes: kopsx update cluster ${NAME} --yes`);
    expect(world.sim.resources()).toEqual(before);

    const plan = await jsonPlan();
    expect(plan.summary).toEqual({create: listed.length, modify: 0, replace: 0, delete: 0});
    expect(plan.changes.map((c) => c.key).sort()).toEqual(listed.map((line) => line.trim()).sort());
  });

  it('update cluster --yes creates them, reporting progress on stderr', async () => {
    const {create} = (await jsonPlan()).summary;
    const result = await world.user.run(['update', 'cluster', NAME, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Cluster changes have been applied to the cloud: ${create} created`);
    expect(result.stderr.match(/^created \S+ \(\S+\)$/gm)).toHaveLength(create);
    expect(result.stderr).toMatch(/^created vpc\/life\.k8s\.local \(vpc-[0-9a-f]+\)$/m);
    const kinds = new Set(clusterResources(world.sim, NAME).map((r) => r.kind));
    for (const kind of ['ec2:vpc', 'ec2:subnet', 'ec2:launch-template', 'ec2:instance']) expect(kinds).toContain(kind);
  });

  it('a preview right after the apply finds nothing to change', async () => {
    expect(await kopsx(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');
  });

  it('changing the node count and machine type previews exactly those changes', async () => {
    const stored = parseManifests(await kopsx(['get', 'ig', NODES, '--name', NAME, '-o', 'yaml'])).instanceGroups[0]!;
    const oldType = stored.spec.machineType;
    const newType = oldType === 't3.large' ? 't3.xlarge' : 't3.large';
    const changed = {...stored, spec: {...stored.spec, minSize: 2, maxSize: 2, machineType: newType}};
    world.user.write('nodes.json', JSON.stringify(changed));
    await kopsx(['replace', '-f', 'nodes.json', '--name', NAME]);

    const plan = await jsonPlan();
    expect(plan.summary).toEqual({create: 0, modify: 2, replace: 0, delete: 0});
    const fields = plan.changes.map((c) => [c.key, c.fieldChanges.map((f) => [f.field, f.before, f.after])]);
    expect(fields).toEqual([
      [`autoscaling-group/${NODES}.${NAME}`, [['maxSize', 1, 2], ['minSize', 1, 2]]],
      [`launch-template/${NODES}.${NAME}`, [['instanceType', oldType, newType]]],
    ]);
    const preview = await kopsx(['update', 'cluster', NAME]);
    expect(preview).toContain(`Will modify resources:\n  autoscaling-group/${NODES}.${NAME}\n\tmaxSize\t1 -> 2\n\tminSize\t1 -> 2\n`);
    expect(preview).toContain(`\tinstanceType\t${oldType} -> ${newType}\n`);
  });

  it('applying the change scales the group, and the cloud converges again', async () => {
    const applied = await kopsx(['update', 'cluster', NAME, '--yes']);
    expect(applied).toContain('Cluster changes have been applied to the cloud: 2 modified');
    expect(applied).toContain('Instances already running keep their old configuration until they are replaced.');
    expect(await kopsx(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');
    const nodes = world.sim.resources().filter((r) => r.kind === 'ec2:instance' && r.tags['aws:autoscaling:groupName'] === `${NODES}.${NAME}`);
    expect(nodes).toHaveLength(2);
  });

  it('delete cluster without --yes lists what it would delete, and deletes nothing', async () => {
    const before = cloudResources();
    const preview = await kopsx(['delete', 'cluster', NAME]);
    const vpc = before.find((r) => r.kind === 'ec2:vpc' && r.tags.KubernetesCluster === NAME);
    expect(preview).toContain(`Cloud resources of cluster "${NAME}" that would be deleted:`);
    expect(preview).toMatch(/^KIND\s+NAME\s+ID$/m);
    expect(preview).toMatch(new RegExp(`^vpc\\s+life\\.k8s\\.local\\s+${vpc?.id}$`, 'm'));
    expect(preview).toMatch(/^autoscaling-group\s+nodes-us-east-1a\.life\.k8s\.local\s+/m);
    expect(preview).toMatch(/^\d+ cloud resources to delete, then the cluster's state in file:/m);
    expect(preview).not.toContain(otherVpcId);
    expect(preview).not.toContain(untaggedVpcId);
    expect(cloudResources()).toEqual(before);
  });

  it('delete cluster --yes removes every resource of the cluster and its state, and nothing else', async () => {
    const done = await kopsx(['delete', 'cluster', NAME, '--yes']);
    expect(done).toMatch(new RegExp(`^Deleted cluster "${NAME}": its \\d+ cloud resources`, 'm'));
    // Terminated instances take a moment to leave the simulator's listing, as on AWS.
    await vi.waitFor(() => expect(clusterResources(world.sim, NAME)).toEqual([]), {timeout: 15_000, interval: 250});
    expect(liveIds()).toContain(otherVpcId);
    expect(liveIds()).toContain(untaggedVpcId);
    const listed = await world.user.run(['get', 'clusters']);
    expect(listed.stderr).toContain('No clusters found');
  });
});
