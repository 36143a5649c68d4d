/**
 * `validate cluster` and `export kubecfg` on the AWS simulator: a cluster applied through core boots (the
 * simulated Kubernetes API reads its user-data), validates once its nodes are Ready, and kubectl reaches it
 * through the exported kubeconfig.
 */
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {EC2Client, TerminateInstancesCommand} from '@aws-sdk/client-ec2';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim} from '@kopsx/cloudsim';
import {
  ClusterRegistry,
  ProviderRegistry,
  applyClusterUpdate,
  buildCluster,
  exportKubeconfig,
  openStateStore,
  planClusterUpdate,
  validateCluster,
  validateUntil,
} from '@kopsx/core';
import type {ClusterTarget} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';

const NAME = 'valid.k8s.local';
const FAST_RETRY = {baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 20_000};
const BOOT_DELAY_MS = 1_500;
const run = promisify(execFile);

describe('validate cluster and export kubecfg on the simulator', () => {
  let sim: CloudSim;
  let target: ClusterTarget;
  let dir: string;

  beforeAll(async () => {
    sim = await startCloudSim({kubernetes: {nodeBootDelayMs: BOOT_DELAY_MS}});
    dir = mkdtempSync(join(tmpdir(), 'kopsx-ops-validate-'));
    const providers = new ProviderRegistry();
    providers.register(provider, {packageName: '@kopsx/plugin-aws', version: '0.0.0'});
    const store = await openStateStore(`memfs://ops-validate-${randomUUID()}`);
    // One control plane and one node; IPv4 access only (the simulator keeps no IPv6 rule ranges).
    const bundle = buildCluster({name: NAME, cloud: 'aws', zones: ['us-east-1a'], nodeCount: 1, adminAccess: ['0.0.0.0/0'], sshAccess: ['10.0.0.0/8']});
    await new ClusterRegistry(store).create(bundle);
    target = {store, clusterName: NAME, providers, env: {...sim.env, HOME: dir}};
    const update = await planClusterUpdate({...target, persistSecrets: true, discovery: {retry: FAST_RETRY}});
    try {
      await applyClusterUpdate(update, {retry: FAST_RETRY});
    } finally {
      await update.connection.close();
    }
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it('fails while the machines boot, then passes twice in a row once the nodes are Ready', async () => {
    const early = await validateCluster(target);
    expect(early.valid).toBe(false);
    expect(early.failures.length).toBeGreaterThan(0);

    const attempts: boolean[] = [];
    const run = await validateUntil({...target, waitMs: 30_000, count: 2, intervalMs: 200, onAttempt: (result) => attempts.push(result.valid)});
    expect(run.passed).toBe(true);
    expect(attempts.slice(-2)).toEqual([true, true]);
    expect(run.result.failures).toEqual([]);
    expect(run.result.nodes.map((n) => [n.role, n.ready, n.instanceGroup])).toEqual(
      expect.arrayContaining([
        ['ControlPlane', true, 'control-plane-us-east-1a'],
        ['Node', true, 'nodes-us-east-1a'],
      ]),
    );
    expect(run.result.nodes).toHaveLength(2);
    expect(run.result.instanceGroups.map((g) => [g.name, g.role, g.desired, g.running])).toEqual([
      ['control-plane-us-east-1a', 'ControlPlane', 1, 1],
      ['nodes-us-east-1a', 'Node', 1, 1],
    ]);
  }, 60_000);

  it('exports a kubeconfig whose context kubectl uses to reach the API through its load balancer', async () => {
    const path = join(dir, 'kubeconfig');
    const exported = await exportKubeconfig({...target, kubeconfigPath: path, admin: {}});
    expect(exported.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Asynchronously: the simulator answering kubectl runs in this process.
    const kubectl = async (...args: string[]) => (await run('kubectl', ['--kubeconfig', path, ...args])).stdout;
    expect((await kubectl('config', 'current-context')).trim()).toBe(NAME);
    const nodes = await kubectl('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.labels.kops\\.k8s\\.io/instancegroup}{"\\n"}{end}');
    expect(nodes.trim().split('\n').sort()).toEqual(['control-plane-us-east-1a', 'nodes-us-east-1a']);
  }, 30_000);

  it('reports a node that went away until its group has replaced it', async () => {
    const before = await validateCluster(target);
    const worker = before.nodes.find((n) => n.role === 'Node');
    expect(worker?.instanceId).toBeDefined();
    const {AWS_ENDPOINT_URL: endpoint, AWS_REGION: region, AWS_ACCESS_KEY_ID: accessKeyId = '', AWS_SECRET_ACCESS_KEY: secretAccessKey = ''} = sim.env;
    await new EC2Client({endpoint, region, credentials: {accessKeyId, secretAccessKey}}).send(
      new TerminateInstancesCommand({InstanceIds: [worker?.instanceId ?? '']}),
    );

    const broken = await validateCluster(target);
    expect(broken.valid).toBe(false);
    expect(broken.failures).toEqual(
      expect.arrayContaining([{type: 'InstanceGroup', name: 'nodes-us-east-1a', message: 'instance group "nodes-us-east-1a" has 0 of 1 nodes ready'}]),
    );
    const healed = await validateUntil({...target, waitMs: 30_000, count: 1, intervalMs: 200});
    expect(healed.passed).toBe(true);
    expect(healed.result.nodes.find((n) => n.role === 'Node')?.instanceId).not.toBe(worker?.instanceId);
  }, 60_000);
});
