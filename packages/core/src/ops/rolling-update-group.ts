/**
 * Replacing the outdated instances of one instance group, wave by wave (see planWaves): surge, wait for the
 * surge to be Ready, drain and terminate the wave, wait for the group to be whole again, validate.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {KopsxError} from '../errors.js';
import type {CloudInstanceGroup} from '../provider/index.js';
import type {KubeNode} from './kubeconfig-client.js';
import {planWaves, resolveBudget} from './rolling-update-budget.js';
import {DrainError, drainNode} from './rolling-update-drain.js';
import type {ResolvedRollingUpdateOptions} from './rolling-update-options.js';
import type {GroupUpdatePlan, PlannedInstance} from './rolling-update-plan.js';
import {isNodeOf} from './validate-checks.js';
import type {ValidationFailure} from './validate-checks.js';
import {checkClusterUntil} from './validate-cluster.js';
import type {ClusterSession} from './validate-session.js';

/** The cluster did not come back valid (or the replacements Ready) in time. */
export class RollingUpdateValidationError extends KopsxError {
  constructor(
    readonly group: string,
    readonly failures: readonly ValidationFailure[],
    timeoutMs: number,
  ) {
    const first = failures[0]?.message ?? 'no failure reported';
    super(
      `the cluster did not validate within ${Math.round(timeoutMs / 1000)}s while updating instance group "${group}": ${first}` +
        (failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''),
      'RollingUpdateValidationFailed',
      'see "kopsx validate cluster"; fix what it reports and rerun, raise --validation-timeout, ' +
        'or rerun with --fail-on-validate-error=false to go on regardless',
    );
  }
}

interface GroupRun {
  readonly session: ClusterSession;
  readonly plan: GroupUpdatePlan;
  readonly options: ResolvedRollingUpdateOptions;
  /** Whether its instances are Kubernetes nodes to drain and validate (not a bastion, not `cloudOnly`). */
  readonly nodes: boolean;
  /** Instances this run has detached or terminated: never counted as in service again. */
  readonly retired: Set<string>;
}

/** Replaces every instance of the plan that needs it, each exactly once. Returns the IDs replaced. */
export async function updateGroup(session: ClusterSession, plan: GroupUpdatePlan, options: ResolvedRollingUpdateOptions): Promise<string[]> {
  const {onEvent} = options;
  const outdated = plan.instances.filter((i) => i.needsUpdate);
  if (outdated.length === 0) {
    onEvent({type: 'group-skipped', group: plan.name, reason: 'no instance needs updating'});
    return [];
  }
  if (plan.settings.drainAndTerminate === false) {
    onEvent({type: 'group-skipped', group: plan.name, reason: 'its rollingUpdate.drainAndTerminate is false'});
    return [];
  }
  // A cloud that cannot take an instance out of its group's count (no detach) cannot surge.
  const {detach: detachInstance} = session.instanceGroups;
  const budget = resolveBudget({
    role: plan.role,
    spec: detachInstance ? plan.settings : {...plan.settings, maxSurge: 0},
    target: plan.target,
    needingUpdate: outdated.length,
    defaultMaxSurge: detachInstance ? options.defaultMaxSurge : 0,
  });
  onEvent({type: 'group-started', group: plan.name, role: plan.role, instances: outdated.length, ...budget});
  const run: GroupRun = {session, plan, options, nodes: !options.cloudOnly && plan.role !== 'Bastion', retired: new Set()};
  // Do not make a cluster that is already failing any worse.
  if (run.nodes) await validate(run);
  const replaced: string[] = [];
  const waves = planWaves(outdated, budget);
  for (const [index, wave] of waves.entries()) {
    const present = await presentInstances(run);
    const detach = wave.detach.filter((id) => present.has(id));
    const terminate = wave.terminate.filter((id) => present.has(id));
    for (const id of detach) {
      await detachInstance?.call(session.instanceGroups, plan.name, id, options.signal);
      run.retired.add(id);
      onEvent({type: 'instance-detached', group: plan.name, instanceId: id});
    }
    if (detach.length > 0) await waitForReplacements(run);
    // Every retirement of the wave runs to its end before a failure stops the update.
    const outcomes = await Promise.allSettled(terminate.map((id) => retire(run, instanceOf(plan, id))));
    replaced.push(...terminate.filter((_, i) => outcomes[i]?.status === 'fulfilled'));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    await waitForReplacements(run);
    if (run.nodes) await validate(run);
    if (index < waves.length - 1) await sleep(intervalOf(run), undefined, {signal: options.signal});
  }
  onEvent({type: 'group-finished', group: plan.name, replaced: replaced.length});
  return replaced;
}

/** Drains the instance's node (for node groups), then terminates the instance. */
async function retire(run: GroupRun, instance: PlannedInstance): Promise<void> {
  const {session, plan, options} = run;
  const {onEvent, signal} = options;
  const node = run.nodes ? await nodeNameOf(run, instance) : undefined;
  if (node !== undefined) {
    onEvent({type: 'node-draining', group: plan.name, instanceId: instance.id, node});
    try {
      const client = await session.kubernetes(signal);
      await drainNode(client, node, {
        timeoutMs: options.drainTimeoutMs,
        pollIntervalMs: options.pollIntervalMs,
        signal,
        onBlocked: (pod, reason) => onEvent({type: 'eviction-blocked', group: plan.name, node, pod, reason}),
      });
    } catch (error) {
      if (!(error instanceof KopsxError) || signal?.aborted) throw error;
      onEvent({type: 'drain-failed', group: plan.name, instanceId: instance.id, node, message: error.message, continuing: !options.failOnDrainError});
      if (options.failOnDrainError) {
        await uncordon(run, node);
        throw error instanceof DrainError ? error : new DrainError(node, error.message);
      }
    }
    await sleep(options.postDrainDelayMs, undefined, {signal});
  }
  await session.instanceGroups.terminate(plan.name, instance.id, signal);
  run.retired.add(instance.id);
  onEvent({type: 'instance-terminated', group: plan.name, instanceId: instance.id});
}

/** The instance stays: put its node back in service, as far as the API lets us. */
async function uncordon(run: GroupRun, node: string): Promise<void> {
  try {
    const client = await run.session.kubernetes(run.options.signal);
    await client.setUnschedulable(node, false, run.options.signal);
  } catch (error) {
    if (!(error instanceof KopsxError)) throw error;
  }
}

/** The node the instance registered as: the provider's name for it, else found by provider ID. */
async function nodeNameOf(run: GroupRun, instance: PlannedInstance): Promise<string | undefined> {
  if (instance.nodeName !== undefined) return instance.nodeName;
  const nodes = await listNodes(run);
  return nodes?.find((node) => isNodeOf(node, instance))?.name;
}

/**
 * Waits until the group has as many instances in service (running, not detached, not retired by this run)
 * as it should keep, Ready as nodes for node groups. Giving up after the validation timeout is a validation
 * failure.
 */
async function waitForReplacements(run: GroupRun): Promise<void> {
  const {options, plan} = run;
  const deadline = Date.now() + options.validationTimeoutMs;
  let lastCount: {ready: number; desired: number};
  for (;;) {
    const group = await currentGroup(run);
    const inService = (group?.instances ?? []).filter((i) => i.status === 'running' && !i.detached && !run.retired.has(i.id));
    const nodes = run.nodes ? await listNodes(run) : undefined;
    const ready = run.nodes ? inService.filter((i) => nodes?.some((node) => node.ready && isNodeOf(node, i))).length : inService.length;
    lastCount = {ready, desired: group?.desiredSize ?? plan.target};
    if (ready >= lastCount.desired) {
      options.onEvent({type: 'replacements-ready', group: plan.name});
      return;
    }
    if (Date.now() + options.pollIntervalMs > deadline) break;
    await sleep(options.pollIntervalMs, undefined, {signal: options.signal});
  }
  const message = `instance group "${plan.name}" has ${lastCount.ready} of ${lastCount.desired} instances in service${run.nodes ? ' and Ready' : ''}`;
  failValidation(run, [{type: 'InstanceGroup', name: plan.name, message}]);
}

/** Validates the cluster (validateCount times in a row, within the validation timeout). */
async function validate(run: GroupRun): Promise<void> {
  const {options, plan} = run;
  const outcome = await checkClusterUntil(run.session, {
    waitMs: options.validationTimeoutMs,
    count: options.validateCount,
    intervalMs: options.pollIntervalMs,
    signal: options.signal,
  });
  if (outcome.passed) options.onEvent({type: 'cluster-validated', group: plan.name});
  else failValidation(run, outcome.result.failures);
}

function failValidation(run: GroupRun, failures: readonly ValidationFailure[]): void {
  const {options, plan} = run;
  options.onEvent({type: 'validation-failed', group: plan.name, failures, continuing: !options.failOnValidateError});
  if (options.failOnValidateError) throw new RollingUpdateValidationError(plan.name, failures, options.validationTimeoutMs);
}

async function currentGroup(run: GroupRun): Promise<CloudInstanceGroup | undefined> {
  const groups = await run.session.instanceGroups.list(run.options.signal);
  return groups.find((g) => g.name === run.plan.name);
}

/** IDs of the group's instances that still run (an instance may have gone since the plan was made). */
async function presentInstances(run: GroupRun): Promise<Set<string>> {
  const group = await currentGroup(run);
  return new Set((group?.instances ?? []).filter((i) => i.status === 'pending' || i.status === 'running').map((i) => i.id));
}

/** The nodes, or undefined while the API cannot be read (e.g. the only control plane is being replaced). */
async function listNodes(run: GroupRun): Promise<KubeNode[] | undefined> {
  try {
    const client = await run.session.kubernetes(run.options.signal);
    return await client.listNodes(run.options.signal);
  } catch (error) {
    if (!(error instanceof KopsxError) || run.options.signal?.aborted) throw error;
    return undefined;
  }
}

function instanceOf(plan: GroupUpdatePlan, id: string): PlannedInstance {
  const found = plan.instances.find((i) => i.id === id);
  if (!found) throw new Error(`instance ${id} is not part of the plan of ${plan.name}`);
  return found;
}

function intervalOf(run: GroupRun): number {
  const {intervals} = run.options;
  if (run.plan.role === 'Bastion') return intervals.bastionMs;
  return run.plan.role === 'ControlPlane' ? intervals.controlPlaneMs : intervals.nodeMs;
}
