/**
 * A GCE cluster's whole life on the simulator, through the built CLI with the GCE provider linked and its state
 * in a gs:// bucket: create (three control planes over three zones), preview, apply, validate, change a node
 * group's machine type, apply, roll, delete — nothing of the cluster is left and nothing of another is touched.
 * With only the AWS provider linked, `--cloud gce` says how to install the GCE one.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parseManifests} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {gceResources, gceState, GCE_PLUGIN_DIR, startGceWorld} from './support/gce-world.js';
import type {GceWorld} from './support/gce-world.js';
import {AWS_PLUGIN_DIR, KopsxUser, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';

const NAME = 'gce.k8s.local';
const ZONES = 'us-central1-a,us-central1-b,us-central1-c';
/** One of the three node groups (one per zone); the one whose machine type changes. */
const NODES = 'nodes-us-central1-a';
const BETA_NOTICE = /^Notice: gce support is in beta/gm;

let plugins: LinkedPlugins;
let world: GceWorld;

beforeAll(async () => {
  plugins = await linkPlugins(GCE_PLUGIN_DIR);
  world = await startGceWorld(plugins);
  world.sim.configure({kubernetes: {nodeBootDelayMs: 200}});
  gceState(world.sim).configure({operationDelayMs: 10, instanceStartMs: 200});
  // Another cluster's API address, which nothing here may touch.
  gceState(world.sim).seed.address({name: 'api-other', region: 'us-central1', labels: {'kopsx-k8s-io-cluster-name': 'other-k8s-local'}});
}, 30_000);
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

const withState = (args: string[]) => [...args, '--state', world.state];
const kopsx = (args: string[]) => world.user.ok(withState(args));
/** Compute, IAM and DNS resources: the state bucket is not the cluster's, and nodes come and go on their own. */
const cloudResources = () => gceResources(world.sim).filter((r) => r.kind !== 'bucket');
const ownedByCluster = () => cloudResources().filter((r) => r.name !== 'api-other');

describe(`the life of ${NAME}`, () => {
  it('create cluster --cloud gce stores the spec, with the beta notice once, and creates nothing in the cloud', async () => {
    const result = await world.user.run(withState(['create', 'cluster', '--cloud', 'gce', '--zones', ZONES, '--control-plane-count', '3', '--name', NAME]));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(BETA_NOTICE)).toHaveLength(1);
    expect(ownedByCluster()).toEqual([]);
    const groups = parseManifests(await kopsx(['get', 'ig', '--name', NAME, '-o', 'yaml'])).instanceGroups;
    expect(groups.filter((g) => g.spec.role === 'ControlPlane').map((g) => g.spec.subnets)).toEqual([['us-central1-a'], ['us-central1-b'], ['us-central1-c']]);
  });

  it('the preview lists what it would create, the API load balancer among it, and creates nothing', async () => {
    const preview = await kopsx(['update', 'cluster', NAME]);
    expect(preview).toMatch(/^Will create resources:\n/);
    for (const kind of ['address', 'forwarding-rule', 'backend-service', 'instance-template', 'instance-group-manager', 'network']) {
      expect(preview).toMatch(new RegExp(`^  ${kind}/\\S+$`, 'm'));
    }
    const listed = preview.match(/^ {2}\S+\/\S+$/gm) ?? [];
    expect(preview).toContain(`\n${listed.length} to create, 0 to modify, 0 to delete\n`);
    expect(preview).toContain(`Must specify --yes to apply changes: kopsx update cluster ${NAME} --yes`);
    expect(ownedByCluster()).toEqual([]);
  });

  it('update --yes creates them and points the kubeconfig at the API address the simulator listens on', async () => {
    const applied = await kopsx(['update', 'cluster', NAME, '--yes']);
    const created = Number(/Cluster changes have been applied to the cloud: (\d+) created/.exec(applied)?.[1]);
    expect(created).toBeGreaterThan(0);
    const kinds = new Set(ownedByCluster().map((r) => r.kind));
    for (const kind of ['compute:forwardingRule', 'compute:instanceGroupManager', 'compute:instance', 'iam:serviceAccount']) expect(kinds).toContain(kind);
    // Three control planes and three node groups of one instance each, one per zone.
    expect(ownedByCluster().filter((r) => r.kind === 'compute:instance')).toHaveLength(6);
    const server = /Wrote context "gce\.k8s\.local" \(server (https:\/\/127\.0\.0\.1:\d+)\)/.exec(applied)?.[1];
    // The simulator's deviation: the API address is `127.0.0.1:<port>` of a real listener, not a public IP.
    const rule = gceState(world.sim).compute.all().find((r) => r.collection === 'forwardingRules' && r.name.startsWith('api-'));
    expect(server).toBe(`https://${String(rule?.body.IPAddress)}`);
    expect(readFileSync(join(world.user.env.HOME ?? '', '.kube', 'config'), 'utf8')).toContain(`server: ${server}`);
    expect(await kopsx(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');
  });

  it('validate cluster --wait passes once the six machines have booted as Ready nodes', async () => {
    const result = await world.user.run(withState(['validate', 'cluster', NAME, '--wait', '1m', '--interval', '1s']));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Your cluster ${NAME} is ready`);
    expect(result.stdout.match(/^\S+\s+control-plane\s+True$/gm)).toHaveLength(3);
    expect(result.stdout.match(/^\S+\s+node\s+True$/gm)).toHaveLength(3);
  });

  it('a machine-type change previews and applies as a new template for the node group, then nothing is left to change', async () => {
    const stored = parseManifests(await kopsx(['get', 'ig', NODES, '--name', NAME, '-o', 'yaml'])).instanceGroups[0]!;
    expect(stored.spec.machineType).toBe('e2-medium');
    world.user.write('nodes.json', JSON.stringify({...stored, spec: {...stored.spec, machineType: 'e2-standard-2'}}));
    await kopsx(['replace', '-f', 'nodes.json', '--name', NAME]);

    const preview = await kopsx(['update', 'cluster', NAME]);
    expect(preview).toMatch(/^ {2}instance-template\/nodes-us-central1-a-\S+ \(replace: machineType\)\n\tmachineType\te2-medium -> e2-standard-2$/m);
    expect(preview).toContain('0 to create, 2 to modify (1 replaced), 0 to delete');
    const applied = await kopsx(['update', 'cluster', NAME, '--yes']);
    expect(applied).toContain('Cluster changes have been applied to the cloud: 1 modified, 1 replaced');
    expect(applied).toContain('Instances already running keep their old configuration until they are replaced.');
    expect(await kopsx(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');
  });

  it('rolling-update --yes replaces exactly the outdated instance, and nothing needs updating after', async () => {
    const instances = () => ownedByCluster().filter((r) => r.kind === 'compute:instance').map((r) => r.name).sort();
    const before = instances();
    const preview = await kopsx(['rolling-update', 'cluster', NAME]);
    // Columns may grow (ROLE, ...): the group's row says NeedsUpdate with one instance to update.
    expect(preview).toMatch(new RegExp(`^${NODES}\\s.*\\bNeedsUpdate\\s+1\\s`, 'm'));
    expect(preview.match(/NeedsUpdate/g)).toHaveLength(1);
    expect(instances()).toEqual(before);

    const result = await world.user.run(withState(['rolling-update', 'cluster', NAME, '--yes', '--interval', '1s', '--post-drain-delay', '0s', '--validate-count', '1']));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Rolling update of cluster "${NAME}" finished: 1 instance replaced in 1 instance group`, 'm'));
    const after = instances();
    const gone = before.filter((name) => !after.includes(name));
    expect(gone).toHaveLength(1);
    expect(gone[0]).toContain(`-${NODES}-`);
    expect(after).toHaveLength(6);
    expect(await kopsx(['rolling-update', 'cluster', NAME])).toContain('No rolling-update required.');
  });

  it('delete cluster --yes removes every resource of the cluster and its state, and nothing else', async () => {
    const done = await kopsx(['delete', 'cluster', NAME, '--yes']);
    expect(done).toMatch(new RegExp(`^Deleted cluster "${NAME}": its \\d+ cloud resources .*then its state in ${world.state}\\.$`, 'm'));
    expect(ownedByCluster()).toEqual([]);
    expect(cloudResources().map((r) => r.name)).toEqual(['api-other']);
    const listed = await world.user.run(withState(['get', 'clusters']));
    expect(listed.stderr).toContain('No clusters found');
  });
});

describe('without the GCE provider', () => {
  it('create cluster --cloud gce fails with the command that installs it', async () => {
    const awsOnly = await linkPlugins(AWS_PLUGIN_DIR);
    const user = new KopsxUser({...world.sim.env}, {dataDir: awsOnly.dataDir});
    try {
      const result = await user.run(withState(['create', 'cluster', '--cloud', 'gce', '--zones', ZONES, '--name', NAME]));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('kopsx plugins install gce');
      expect(ownedByCluster()).toEqual([]);
    } finally {
      user.remove();
      awsOnly.remove();
    }
  });
});
