/**
 * `rolling-update cluster` on the AWS simulator: after a machine type change, every instance is replaced
 * exactly once, control planes first and alone, node groups never short of Ready nodes; a
 * PodDisruptionBudget that forbids eviction stops the drain, and `failOnDrainError` decides what follows.
 */
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startCloudSim} from '@kopsx/cloudsim';
import type {CloudSim} from '@kopsx/cloudsim';
import {
  ClusterRegistry,
  DrainError,
  ProviderRegistry,
  applyClusterUpdate,
  buildCluster,
  exportKubeconfig,
  openStateStore,
  planClusterUpdate,
  planRollingUpdate,
  rollingUpdate,
  validateCluster,
  validateUntil,
} from '@kopsx/core';
import type {ClusterTarget, RollingUpdateEvent, RollingUpdateOptions, RollingUpdatePlan} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';

const NAME = 'roll.k8s.local';
const CONTROL_PLANE = 'control-plane-us-east-1a';
const NODES = 'nodes-us-east-1a';
const FAST_RETRY = {baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 20_000};
/** Quick pacing for the simulator; kOps' defaults are minutes. */
const FAST: RollingUpdateOptions = {
  pollIntervalMs: 100,
  postDrainDelayMs: 0,
  validateCount: 1,
  validationTimeoutMs: 30_000,
  intervals: {bastionMs: 0, controlPlaneMs: 0, nodeMs: 0},
};

describe('rolling update on the simulator', () => {
  let sim: CloudSim;
  let target: ClusterTarget;
  let dir: string;

  async function apply(): Promise<void> {
    const update = await planClusterUpdate({...target, persistSecrets: true, discovery: {retry: FAST_RETRY}});
    try {
      await applyClusterUpdate(update, {retry: FAST_RETRY});
    } finally {
      await update.connection.close();
    }
  }

  /** Runs the update, closing the plan's session whatever happens. */
  async function roll(plan: RollingUpdatePlan, options: RollingUpdateOptions, events: RollingUpdateEvent[]) {
    try {
      return await rollingUpdate(plan, {...FAST, ...options, onEvent: (event) => events.push(event)});
    } finally {
      await plan.session.close();
    }
  }

  /** Ready nodes of a group right now, as the simulated API sees them. */
  function readyNodes(group: string): number {
    return (sim.kubernetes?.resources() ?? []).filter(
      (r) => r.tags.KubernetesCluster === NAME && r.tags['kops.k8s.io/instancegroup'] === group && r.tags.ready === 'true',
    ).length;
  }

  beforeAll(async () => {
    sim = await startCloudSim({kubernetes: {nodeBootDelayMs: 300}});
    dir = mkdtempSync(join(tmpdir(), 'kopsx-ops-roll-'));
    const providers = new ProviderRegistry();
    providers.register(provider, {packageName: '@kopsx/plugin-aws', version: '0.0.0'});
    const store = await openStateStore(`memfs://ops-roll-${randomUUID()}`);
    // One control plane and a group of two nodes; IPv4 access only (the simulator keeps no IPv6 rule ranges).
    const bundle = buildCluster({name: NAME, cloud: 'aws', zones: ['us-east-1a'], nodeCount: 2, adminAccess: ['0.0.0.0/0'], sshAccess: ['10.0.0.0/8']});
    await new ClusterRegistry(store).create(bundle);
    target = {store, clusterName: NAME, providers, env: {...sim.env, HOME: dir}};
    await apply();
    expect((await validateUntil({...target, waitMs: 30_000, intervalMs: 200})).passed).toBe(true);
  }, 90_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  it('replaces every instance exactly once after a machine type change, control planes first and one at a time', async () => {
    const registry = new ClusterRegistry(target.store);
    const stored = await registry.require(NAME);
    for (const ig of stored.instanceGroups) await registry.putInstanceGroup(NAME, {...ig, spec: {...ig.spec, machineType: 'm5.large'}});
    await apply();

    const plan = await planRollingUpdate(target);
    expect(plan.groups.map(({name, role, status, needUpdate, ready, min, target: size, max}) => ({name, role, status, needUpdate, ready, min, target: size, max}))).toEqual([
      {name: CONTROL_PLANE, role: 'ControlPlane', status: 'NeedsUpdate', needUpdate: 1, ready: 0, min: 1, target: 1, max: 1},
      {name: NODES, role: 'Node', status: 'NeedsUpdate', needUpdate: 2, ready: 0, min: 2, target: 2, max: 2},
    ]);
    const original = plan.groups.flatMap((g) => g.instances.map((i) => i.id));

    // Default budget for nodes: surge 1, unavailable 0, so the group must never have fewer than 2 Ready nodes.
    let fewestReadyNodes = readyNodes(NODES);
    const sampler = setInterval(() => (fewestReadyNodes = Math.min(fewestReadyNodes, readyNodes(NODES))), 10);
    const events: RollingUpdateEvent[] = [];
    let result;
    try {
      result = await roll(plan, {}, events);
    } finally {
      clearInterval(sampler);
    }

    const replaced = result.groups.flatMap((g) => g.replaced);
    expect([...replaced].sort()).toEqual([...original].sort());
    expect(new Set(replaced).size).toBe(replaced.length);
    expect(fewestReadyNodes).toBeGreaterThanOrEqual(2);

    // The control plane group ran first, alone, one instance at a time; node groups only after it finished.
    const steps = events.map((e) => `${e.type} ${e.group}`);
    expect(steps.indexOf(`group-finished ${CONTROL_PLANE}`)).toBeLessThan(steps.indexOf(`group-started ${NODES}`));
    expect(events.find((e) => e.type === 'group-started' && e.group === CONTROL_PLANE)).toMatchObject({maxSurge: 0, maxUnavailable: 1});
    expect(events.filter((e) => e.type === 'instance-detached' && e.group === CONTROL_PLANE)).toEqual([]);
    expect(events.filter((e) => e.type === 'instance-terminated').map((e) => e.group)).toEqual([CONTROL_PLANE, NODES, NODES]);

    const after = await validateCluster(target);
    expect(after.failures).toEqual([]);
    const running = after.nodes.map((n) => n.instanceId);
    expect(running).toHaveLength(3);
    expect(running.filter((id) => original.includes(id ?? ''))).toEqual([]);
    const again = await planRollingUpdate(target);
    await again.session.close();
    expect(again.needsUpdate).toBe(false);
  }, 120_000);

  it('stops at a node whose PodDisruptionBudget forbids eviction, or replaces it anyway when told to', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    await exportKubeconfig({...target, kubeconfigPath: kubeconfig, admin: {}});
    const kubectl = (args: string[], input?: string) => kubectlAsync(kubeconfig, args, input);

    const first = await planRollingUpdate({...target, force: true, instanceGroups: [NODES]});
    const guardedInstance = first.groups[0]?.instances[0]?.id;
    const guardedNode = (await validateCluster(target)).nodes.find((n) => n.instanceId === guardedInstance)?.name ?? '';
    expect(guardedNode).not.toBe('');
    await kubectl(['create', '--validate=false', '-f', '-'], guardedWorkload(guardedNode));

    const refused: RollingUpdateEvent[] = [];
    const error = await roll(first, {drainTimeoutMs: 1_000}, refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrainError);
    expect((error as DrainError).message).toContain('default/guarded could not be evicted');
    expect(refused).toContainEqual(expect.objectContaining({type: 'eviction-blocked', node: guardedNode, pod: 'default/guarded'}));
    expect(refused).toContainEqual(expect.objectContaining({type: 'drain-failed', instanceId: guardedInstance, continuing: false}));
    expect(refused.filter((e) => e.type === 'instance-terminated')).toEqual([]);
    // The node is back in service with its pod.
    expect(await kubectl(['get', 'node', guardedNode, '-o', 'jsonpath={.spec.unschedulable}'])).toBe('');
    expect(await kubectl(['get', 'pod', 'guarded', '-o', 'jsonpath={.spec.nodeName} {.status.phase}'])).toBe(`${guardedNode} Running`);

    const second = await planRollingUpdate({...target, force: true, instanceGroups: [NODES]});
    const forced: RollingUpdateEvent[] = [];
    const result = await roll(second, {drainTimeoutMs: 1_000, failOnDrainError: false}, forced);
    expect(forced).toContainEqual(expect.objectContaining({type: 'drain-failed', instanceId: guardedInstance, continuing: true}));
    expect(result.groups[0]?.replaced).toEqual(expect.arrayContaining([guardedInstance]));
    expect(new Set(result.groups[0]?.replaced).size).toBe(second.groups[0]?.instances.length);
    expect((await validateCluster(target)).nodes.map((n) => n.instanceId)).not.toContain(guardedInstance);
  }, 120_000);
});

/** kubectl, run without blocking: the simulator that answers it runs in this process. */
function kubectlAsync(kubeconfig: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], {encoding: 'utf8'}, (error, stdout, stderr) =>
      error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin?.end(input ?? '');
  });
}

/** A pod pinned to one node and a budget that allows none of its pods to be disrupted. */
function guardedWorkload(node: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name: 'guarded', namespace: 'default', labels: {app: 'guarded'}},
        spec: {nodeSelector: {'kubernetes.io/hostname': node}, containers: [{name: 'app', image: 'registry.k8s.io/pause:3.10'}]},
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: {name: 'guarded', namespace: 'default'},
        spec: {minAvailable: 1, selector: {matchLabels: {app: 'guarded'}}},
      },
    ],
  });
}
