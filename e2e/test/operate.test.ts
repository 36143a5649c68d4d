/**
 * Operating a running cluster on the AWS simulator through the built CLI: `update --yes` exports a kubeconfig
 * the real kubectl reads, `validate cluster` fails (exit 2) until the machines have booted and passes after,
 * a changed machine type shows in the `rolling-update` preview, and `rolling-update --yes` replaces every
 * instance exactly once — control plane first, the node group never short of instances.
 */
import {execFile} from 'node:child_process';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {parseManifests, toYaml} from '@kopsx/core';
import yaml from 'js-yaml';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {clusterResources, startAwsWorld} from './support/aws-world.js';
import type {AwsWorld} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins, RunResult} from './support/kopsx.js';

const NAME = 'operate.k8s.local';
const CONTROL_PLANE = 'control-plane-us-east-1a';
const NODES = 'nodes-us-east-1a';
/** Machines boot (and nodes become Ready) this long after their instance runs. */
const BOOT_DELAY_MS = 500;
/** Long enough that nothing boots while a test looks at a cluster that is not up yet. */
const NEVER_MS = 3_600_000;

const run = promisify(execFile);

let plugins: LinkedPlugins;
let world: AwsWorld;
let kubeconfig: string;

/** A kubeconfig the user had before: its context must survive every export. */
const OTHER_CONTEXT = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [{name: 'other', cluster: {server: 'https://other.example:6443'}}],
  users: [{name: 'other-user', user: {token: 'not-a-real-token'}}],
  contexts: [{name: 'other', context: {cluster: 'other', user: 'other-user'}}],
  'current-context': 'other',
};

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  world = await startAwsWorld(plugins);
  kubeconfig = join(world.user.dir, 'kubeconfig');
  writeFileSync(kubeconfig, JSON.stringify(OTHER_CONTEXT));
});
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

const withKubeconfig = (): {env: NodeJS.ProcessEnv} => ({env: {KUBECONFIG: kubeconfig}});
const kopsx = (args: string[]): Promise<string> => world.user.ok(args, withKubeconfig());
const attempt = (args: string[]): Promise<RunResult> => world.user.run(args, withKubeconfig());

/** The real kubectl, on the user's kubeconfig. Asynchronous: the simulator it may talk to runs in this process. */
async function kubectl(...args: string[]): Promise<string> {
  const {stdout} = await run('kubectl', args, {env: {PATH: process.env.PATH, HOME: world.user.env.HOME, KUBECONFIG: kubeconfig}});
  return stdout.trim();
}

/** The cluster's instances the simulator runs (terminated ones are gone from its listing), by group. */
function instances(group?: string): string[] {
  return clusterResources(world.sim, NAME)
    .filter((r) => r.kind === 'ec2:instance' && (group === undefined || r.tags['aws:autoscaling:groupName'] === `${group}.${NAME}`))
    .map((r) => r.id)
    .sort();
}

function decode(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

describe(`operating ${NAME}`, () => {
  it('update --yes builds it and writes its context into KUBECONFIG, keeping the other context', async () => {
    world.sim.configure({kubernetes: {nodeBootDelayMs: NEVER_MS}});
    await kopsx(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a', '--node-count', '2']);
    const applied = await kopsx(['update', 'cluster', NAME, '--yes']);
    expect(applied).toContain(`Wrote context "${NAME}"`);
    expect(applied).toContain(`to ${kubeconfig}; it is now the current context.`);
    expect(applied).toContain('has no credentials yet');

    // kubectl reads the file below, once the API answers (kubectl stalls on a current context whose API is down).
    const written = yaml.load(readFileSync(kubeconfig, 'utf8')) as typeof OTHER_CONTEXT;
    expect(written['current-context']).toBe(NAME);
    expect(written.contexts.map((c) => c.name)).toEqual(['other', NAME]);
    expect(written.clusters[0]).toEqual(OTHER_CONTEXT.clusters[0]);
    expect(applied).toContain(`(server ${written.clusters[1]?.cluster.server})`);
    // As kOps 1.19+: no admin credentials unless asked for.
    expect(written.users.find((u) => u.name === NAME)?.user).toEqual({});
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
  });

  it('validate cluster exits 2 with the problems while the machines boot, and passes with --wait once they have', async () => {
    const early = await attempt(['validate', 'cluster', NAME]);
    expect(early.code, early.stderr).toBe(2);
    expect(early.stdout).toMatch(/^VALIDATION ERRORS\nKIND\s+NAME\s+MESSAGE\n/m);
    expect(early.stdout).toContain(`Validation failed: cluster ${NAME} is not ready`);
    expect(early.stderr).toBe('');

    world.sim.configure({kubernetes: {nodeBootDelayMs: BOOT_DELAY_MS}});
    const result = await attempt(['validate', 'cluster', NAME, '--wait', '2m', '--interval', '1s']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Your cluster ${NAME} is ready`);
    expect(result.stdout).not.toContain('VALIDATION ERRORS');
    const nodeRows = result.stdout.match(/^\S+\s+(control-plane|node)\s+True$/gm) ?? [];
    expect(nodeRows).toHaveLength(3);

    const json = JSON.parse(await kopsx(['validate', 'cluster', NAME, '-o', 'json'])) as {valid: boolean; failures: unknown[]; nodes: unknown[]};
    expect(json).toMatchObject({valid: true, failures: []});
    expect(json.nodes).toHaveLength(3);
  });

  it('export kubecfg --admin=1h writes a CA-signed client certificate valid for an hour, and kubectl uses it', async () => {
    const exported = await kopsx(['export', 'kubecfg', NAME, '--admin=1h']);
    expect(exported).toMatch(/an admin client certificate valid until \S+Z\./);
    expect(exported).not.toContain('PRIVATE KEY');
    expect(readFileSync(kubeconfig, 'utf8')).toContain('not-a-real-token');

    const user = `{.users[?(@.name=="${NAME}")].user`;
    const cert = decode(await kubectl('config', 'view', '--raw', '-o', `jsonpath=${user}.client-certificate-data}`));
    const certFile = join(world.user.dir, 'admin.crt');
    const caFile = join(world.user.dir, 'ca.crt');
    writeFileSync(certFile, cert);
    writeFileSync(caFile, decode(await kubectl('config', 'view', '--raw', '-o', `jsonpath={.clusters[?(@.name=="${NAME}")].cluster.certificate-authority-data}`)));
    const dates = (await run('openssl', ['x509', '-in', certFile, '-noout', '-startdate', '-enddate'])).stdout;
    const date = (field: string): number => new Date(new RegExp(`^${field}=(.+)$`, 'm').exec(dates)![1]!).getTime();
    expect(date('notAfter') - date('notBefore')).toBe(60 * 60_000);
    expect(date('notAfter') - Date.now()).toBeGreaterThan(50 * 60_000);
    expect((await run('openssl', ['verify', '-CAfile', caFile, certFile])).stdout).toContain(': OK');
    expect((await run('openssl', ['x509', '-in', certFile, '-noout', '-subject'])).stdout).toContain('O = system:masters');

    expect((await kubectl('config', 'get-contexts', '-o', 'name')).split('\n').sort()).toEqual([NAME, 'other']);
    expect(await kubectl('config', 'current-context')).toBe(NAME);
    const server = await kubectl('config', 'view', '-o', `jsonpath={.clusters[?(@.name=="${NAME}")].cluster.server}`);
    expect(server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(exported).toContain(`(server ${server})`);
    expect(await kubectl('config', 'view', '-o', 'jsonpath={.clusters[?(@.name=="other")].cluster.server}')).toBe('https://other.example:6443');

    const nodes = await kubectl('get', 'nodes', '--no-headers');
    expect(nodes.split('\n')).toHaveLength(3);
    expect(nodes.split('\n').every((line) => /\sReady\s/.test(line))).toBe(true);
  });

  it('a changed machine type makes every instance NeedsUpdate in the rolling-update preview, which changes nothing', async () => {
    const groups = parseManifests(await kopsx(['get', 'ig', '--name', NAME, '-o', 'yaml'])).instanceGroups;
    const bigger = groups.map((ig) => ({...ig, spec: {...ig.spec, machineType: ig.spec.machineType === 't3.large' ? 't3.xlarge' : 't3.large'}}));
    world.user.write('bigger.yaml', toYaml(bigger));
    await kopsx(['replace', '-f', 'bigger.yaml', '--name', NAME]);
    await kopsx(['update', 'cluster', NAME, '--yes']);

    const before = instances();
    const preview = await kopsx(['rolling-update', 'cluster', NAME]);
    expect(preview).toMatch(/^NAME\s+ROLE\s+STATUS\s+NEEDUPDATE\s+READY\s+MIN\s+TARGET\s+MAX$/m);
    expect(preview).toMatch(new RegExp(`^${CONTROL_PLANE}\\s+ControlPlane\\s+NeedsUpdate\\s+1\\s+0\\s+1\\s+1\\s+1$`, 'm'));
    expect(preview).toMatch(new RegExp(`^${NODES}\\s+Node\\s+NeedsUpdate\\s+2\\s+0\\s+2\\s+2\\s+2$`, 'm'));
    expect(preview).toContain('Must specify --yes to rolling-update.');
    expect(instances()).toEqual(before);
  });

  it('rolling-update --yes replaces every instance exactly once, the control plane first, never leaving the nodes short', async () => {
    const before = instances();
    const beforeNodes = instances(NODES);
    expect(before).toHaveLength(3);
    const seen = new Set(before);
    let fewestNodes = beforeNodes.length;
    const sampler = setInterval(() => {
      for (const id of instances()) seen.add(id);
      fewestNodes = Math.min(fewestNodes, instances(NODES).length);
    }, 50);
    const rolling = world.user.start(
      ['rolling-update', 'cluster', NAME, '--yes', '--interval', '1s', '--post-drain-delay', '0s', '--validate-count', '1'],
      withKubeconfig(),
    );
    const result = await rolling.result.finally(() => clearInterval(sampler));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Rolling update of cluster "${NAME}" finished: 3 instances replaced in 2 instance groups`, 'm'));

    const after = instances();
    expect(after).toHaveLength(3);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    // Exactly one replacement per old instance: nothing else was launched on the way.
    expect(seen.size).toBe(6);
    for (const id of before) expect(result.stderr.split(`terminated ${id}`)).toHaveLength(2);
    // maxSurge 1: a replacement runs before each old node goes, so the group never has fewer than its 2.
    expect(fewestNodes).toBe(2);
    const order = [
      `Instance group ${CONTROL_PLANE} (ControlPlane): replacing 1 instance, maxSurge 0, maxUnavailable 1`,
      `Instance group ${CONTROL_PLANE}: done, 1 instance replaced`,
      `Instance group ${NODES} (Node): replacing 2 instances, maxSurge 1, maxUnavailable 0`,
      `Instance group ${NODES}: done, 2 instances replaced`,
    ].map((line) => result.stderr.indexOf(line));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('after the roll the cluster validates and nothing needs updating', async () => {
    const validated = await attempt(['validate', 'cluster', NAME, '--wait', '1m', '--interval', '1s']);
    expect(validated.code, validated.stdout).toBe(0);
    expect(validated.stdout).toMatch(new RegExp(`^\\S+\\s+node\\s+True$`, 'm'));
    expect(await kopsx(['rolling-update', 'cluster', NAME])).toContain('No rolling-update required.');
  });

  it('delete cluster --yes removes it', async () => {
    await kopsx(['delete', 'cluster', NAME, '--yes']);
    await vi.waitFor(() => expect(clusterResources(world.sim, NAME)).toEqual([]), {timeout: 15_000, interval: 250});
    expect((yaml.load(readFileSync(kubeconfig, 'utf8')) as typeof OTHER_CONTEXT).contexts[0]).toEqual(OTHER_CONTEXT.contexts[0]);
  });
});
