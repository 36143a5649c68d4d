import {describe, expect, it} from 'vitest';
import {ref} from '../provider/index.js';
import type {DesiredResource, HandlerContext} from '../provider/index.js';
import {applyPlan} from './apply-plan.js';
import type {ApplyOptions} from './apply-plan.js';
import type {ApplyEvent, ApplyResult} from './apply-result.js';
import {discover} from './discover.js';
import {ApplyError} from './errors.js';
import type {Plan} from './plan.js';
import {planChanges} from './plan-changes.js';
import {planDeletion} from './plan-deletion.js';
import {FakeCloud} from './testing/fake-cloud.js';
import type {FakeCall} from './testing/fake-cloud.js';

const ctx: HandlerContext = {clusterName: 'test.k8s.local', signal: new AbortController().signal, log: () => {}};
const fastRetry = {baseDelayMs: 1, maxDelayMs: 4, deadlineMs: 5_000};

function resource(kind: string, name: string, properties: DesiredResource['properties'] = {}): DesiredResource {
  return {kind, name, properties};
}

/** res/c refers to res/b, which refers to res/a; listed backwards on purpose. */
const chain = [
  resource('res', 'c', {parent: ref('res', 'b')}),
  resource('res', 'b', {parent: ref('res', 'a')}),
  resource('res', 'a', {size: 1}),
];

async function planFor(cloud: FakeCloud, desired: readonly DesiredResource[]): Promise<Plan> {
  const connection = cloud.connection();
  return planChanges({desired, inventory: await discover(connection, ctx), handlers: connection.handlers});
}

async function apply(cloud: FakeCloud, plan: Plan, options: Partial<ApplyOptions> = {}): Promise<ApplyResult> {
  return applyPlan(plan, {connection: cloud.connection(), clusterName: ctx.clusterName, retry: fastRetry, ...options});
}

/** Applies and returns the ApplyError it must throw. */
async function failingApply(cloud: FakeCloud, plan: Plan, options: Partial<ApplyOptions> = {}): Promise<ApplyError> {
  const error = await apply(cloud, plan, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplyError);
  return error as ApplyError;
}

function only(calls: FakeCall[]): FakeCall {
  expect(calls).toHaveLength(1);
  return calls[0] as FakeCall;
}

function keysOf(calls: FakeCall[]): string[] {
  return calls.map((c) => `${c.kind}/${c.name}`);
}

describe('applyPlan', () => {
  it('applies a chain in dependency order, after which a new plan is empty', async () => {
    const cloud = new FakeCloud({res: {latencyMs: 5}});
    const result = await apply(cloud, await planFor(cloud, chain));
    expect(result.done.map((c) => c.key)).toEqual(['res/a', 'res/b', 'res/c']);
    const [a, b, c] = ['res/a', 'res/b', 'res/c'].map((key) => only(cloud.callsOf('create', key)));
    expect(a!.endedAt).toBeLessThanOrEqual(b!.startedAt);
    expect(b!.endedAt).toBeLessThanOrEqual(c!.startedAt);
    const b2 = cloud.resources('res').find((r) => r.name === 'b');
    const c2 = cloud.resources('res').find((r) => r.name === 'c');
    expect(c2?.properties).toEqual({parent: b2?.id});
    expect((await planFor(cloud, chain)).changes).toEqual([]);
  });

  it('runs independent changes in parallel up to the concurrency and never above it', async () => {
    const cloud = new FakeCloud({res: {latencyMs: 20}});
    const desired = Array.from({length: 12}, (_, i) => resource('res', `r${i}`));
    const plan = await planFor(cloud, desired);
    cloud.maxInFlight = 0;
    await apply(cloud, plan, {concurrency: 4});
    expect(cloud.maxInFlight).toBe(4);
    expect(cloud.callsOf('create')).toHaveLength(12);
  });

  it('starts a change as soon as its own dependency is done, while another branch is still slow', async () => {
    const cloud = new FakeCloud({slow: {latencyMs: 150}, fast: {latencyMs: 10}});
    const desired = [resource('slow', 's'), resource('fast', 'x'), resource('fast', 'y', {parent: ref('fast', 'x')})];
    await apply(cloud, await planFor(cloud, desired));
    const slow = only(cloud.callsOf('create', 'slow/s'));
    const x = only(cloud.callsOf('create', 'fast/x'));
    const y = only(cloud.callsOf('create', 'fast/y'));
    expect(y.startedAt).toBeGreaterThanOrEqual(x.endedAt);
    expect(y.endedAt).toBeLessThan(slow.endedAt);
  });

  it('starts the change with the longest chain behind it first', async () => {
    const cloud = new FakeCloud({res: {}});
    await apply(cloud, await planFor(cloud, [resource('res', 'x'), resource('res', 'y'), ...chain]), {concurrency: 1});
    // x and y come first in the plan, but a and b have more work waiting behind them.
    expect(keysOf(cloud.callsOf('create')).slice(0, 2)).toEqual(['res/a', 'res/b']);
  });

  it('retries throttled calls with backoff until they succeed', async () => {
    const cloud = new FakeCloud({res: {}});
    cloud.failCalls({op: 'create', name: 'a', errorClass: 'throttled', times: 3});
    const events: ApplyEvent[] = [];
    const result = await apply(cloud, await planFor(cloud, chain), {onEvent: (e) => events.push(e)});
    expect(result.done).toHaveLength(3);
    expect(cloud.callsOf('create', 'res/a').map((c) => c.ok)).toEqual([false, false, false, true]);
    const retries = events.flatMap((e) => (e.type === 'retry' ? [[e.step.key, e.errorClass, e.attempt]] : []));
    expect(retries).toEqual([
      ['res/a', 'throttled', 2],
      ['res/a', 'throttled', 3],
      ['res/a', 'throttled', 4],
    ]);
  });

  it('fails only the branch of a fatal error and reports each dependent as skipped once', async () => {
    const cloud = new FakeCloud({res: {}});
    cloud.failCalls({op: 'create', name: 'a', errorClass: 'fatal'});
    const events: ApplyEvent[] = [];
    const plan = await planFor(cloud, [...chain, resource('res', 'other')]);
    const error = await failingApply(cloud, plan, {onEvent: (e) => events.push(e)});
    expect(error.code).toBe('ApplyFailed');
    expect(error.message).toBe(
      'apply did not finish (1 failed, 2 skipped, 1 done): res/a: injected fatal error on create res/a',
    );
    expect(error.result.failed.map((f) => f.change.key)).toEqual(['res/a']);
    expect(error.result.skipped.map((s) => [s.change.key, s.reason])).toEqual([
      ['res/b', 'depends on failed res/a'],
      ['res/c', 'depends on failed res/a'],
    ]);
    expect(error.result.done.map((c) => c.key)).toEqual(['res/other']);
    expect(events.filter((e) => e.type === 'failed')).toHaveLength(1);
    const skips = events.flatMap((e) => (e.type === 'skipped' ? [e.step.key] : []));
    expect(skips).toEqual(['res/b', 'res/c']);
    expect(cloud.callsOf('create', 'res/a')).toHaveLength(1);
  });

  it('deletes in the reverse of the create order', async () => {
    const cloud = new FakeCloud({res: {latencyMs: 2}});
    await apply(cloud, await planFor(cloud, chain));
    await apply(cloud, planDeletion({inventory: await discover(cloud.connection(), ctx)}));
    expect(keysOf(cloud.callsOf('delete'))).toEqual(['res/c', 'res/b', 'res/a']);
    expect(cloud.callsOf('delete').every((c) => c.ok)).toBe(true);
    expect(cloud.resources()).toEqual([]);
  });

  it('orders deletes by the kinds the model refers to when no ID links them', async () => {
    const cloud = new FakeCloud({subnet: {latencyMs: 5}, instance: {latencyMs: 20}});
    const desired = [resource('subnet', 'a'), {...resource('instance', 'i'), dependsOn: ['subnet/a']}];
    await apply(cloud, await planFor(cloud, desired));
    const inventory = await discover(cloud.connection(), ctx);
    await apply(cloud, planDeletion({inventory, desired}));
    expect(only(cloud.callsOf('delete', 'subnet/a')).startedAt).toBeGreaterThanOrEqual(
      only(cloud.callsOf('delete', 'instance/i')).endedAt,
    );
  });

  it('deletes a resource only after what referred to it has moved away', async () => {
    const cloud = new FakeCloud({subnet: {}, group: {latencyMs: 20}});
    const group = (...subnets: string[]) => resource('group', 'nodes', {subnets: subnets.map((s) => ref('subnet', s))});
    await apply(cloud, await planFor(cloud, [resource('subnet', 'a'), resource('subnet', 'c'), group('a', 'c')]));
    const plan = await planFor(cloud, [resource('subnet', 'a'), group('a')]);
    expect(plan.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['update group/nodes', 'delete subnet/c']);
    await apply(cloud, plan);
    const remove = only(cloud.callsOf('delete', 'subnet/c'));
    expect(remove.ok).toBe(true);
    expect(remove.startedAt).toBeGreaterThanOrEqual(only(cloud.callsOf('update', 'group/nodes')).endedAt);
  });

  it('drops order hints that contradict each other and lets retries order those deletes', async () => {
    const cloud = new FakeCloud({subnet: {}, group: {}});
    const desired = [resource('subnet', 'a'), resource('group', 'nodes', {subnet: ref('subnet', 'a')})];
    // The model says groups refer to subnets, but this subnet refers to the group in the cloud.
    const group = cloud.seed({kind: 'group', name: 'nodes'});
    cloud.seed({kind: 'subnet', name: 'a', properties: {routesVia: group.id}});
    const inventory = await discover(cloud.connection(), ctx);
    const result = await apply(cloud, planDeletion({inventory, desired}));
    expect(result.done).toHaveLength(2);
    expect(cloud.resources()).toEqual([]);
  });

  it('retries dependency errors of a delete, and gives up when the deadline runs out', async () => {
    const cloud = new FakeCloud({res: {}});
    cloud.seed({kind: 'res', name: 'a'});
    cloud.seed({kind: 'res', name: 'b'});
    const plan = planDeletion({inventory: await discover(cloud.connection(), ctx)});
    cloud.failCalls({op: 'delete', name: 'a', errorClass: 'dependency', times: 2});
    cloud.failCalls({op: 'delete', name: 'b', errorClass: 'dependency', times: 10_000});
    const error = await failingApply(cloud, plan, {retry: {baseDelayMs: 1, maxDelayMs: 2, deadlineMs: 100}});
    expect(error.result.done.map((c) => c.key)).toEqual(['res/a']);
    expect(error.result.failed.map((f) => f.change.key)).toEqual(['res/b']);
    expect(error.result.failed[0]?.message).toMatch(
      /^injected dependency error on delete res\/b \(still failing after \d+ attempts/,
    );
  });

  it('treats deleting what is already gone as done, so a delete can be rerun', async () => {
    const cloud = new FakeCloud({res: {}});
    await apply(cloud, await planFor(cloud, chain));
    const plan = planDeletion({inventory: await discover(cloud.connection(), ctx)});
    await apply(cloud, plan);
    const rerun = await apply(cloud, plan);
    expect(rerun.done).toHaveLength(3);
  });

  it('replaces create-before-delete: new one, then its dependents, then the old one is deleted', async () => {
    const cloud = new FakeCloud({network: {replaceOn: ['cidr']}, group: {}});
    const desired = (cidr: string) => [
      resource('network', 'main', {cidr}),
      resource('group', 'nodes', {networkId: ref('network', 'main')}),
    ];
    await apply(cloud, await planFor(cloud, desired('10.0.0.0/16')));
    const [old] = cloud.resources('network');
    const plan = await planFor(cloud, desired('10.1.0.0/16'));
    expect(plan.changes.map((c) => [c.action, c.key])).toEqual([
      ['replace', 'network/main'],
      ['update', 'group/nodes'],
    ]);
    await apply(cloud, plan);
    const create = cloud.callsOf('create', 'network/main')[1];
    const update = only(cloud.callsOf('update', 'group/nodes'));
    const remove = only(cloud.callsOf('delete', 'network/main'));
    expect(create!.endedAt).toBeLessThanOrEqual(update.startedAt);
    expect(update.endedAt).toBeLessThanOrEqual(remove.startedAt);
    expect(remove.ok).toBe(true);
    const [current] = cloud.resources('network');
    expect(cloud.resources('network')).toHaveLength(1);
    expect(current?.id).not.toBe(old?.id);
    expect(cloud.resources('group')[0]?.properties).toEqual({networkId: current?.id});
    expect((await planFor(cloud, desired('10.1.0.0/16'))).changes).toEqual([]);
  });

  it('keeps the old resource when its replacement cannot be created, reporting one failure', async () => {
    const cloud = new FakeCloud({network: {replaceOn: ['cidr']}});
    await apply(cloud, await planFor(cloud, [resource('network', 'main', {cidr: '10.0.0.0/16'})]));
    cloud.failCalls({op: 'create', errorClass: 'fatal'});
    const events: ApplyEvent[] = [];
    const plan = await planFor(cloud, [resource('network', 'main', {cidr: '10.1.0.0/16'})]);
    const error = await failingApply(cloud, plan, {onEvent: (e) => events.push(e)});
    expect(error.result.failed.map((f) => f.change.key)).toEqual(['network/main']);
    expect(error.result.skipped).toEqual([]);
    expect(events.filter((e) => e.type === 'skipped')).toEqual([]);
    expect(cloud.callsOf('delete')).toEqual([]);
    expect(cloud.resources('network').map((r) => r.properties)).toEqual([{cidr: '10.0.0.0/16'}]);
  });

  it('replaces delete-before-create when the handler says so', async () => {
    const cloud = new FakeCloud({key: {updatable: false, deleteBeforeReplace: true}});
    await apply(cloud, await planFor(cloud, [resource('key', 'admin', {material: 'A'})]));
    await apply(cloud, await planFor(cloud, [resource('key', 'admin', {material: 'B'})]));
    const remove = only(cloud.callsOf('delete', 'key/admin'));
    const create = cloud.callsOf('create', 'key/admin')[1];
    expect(remove.endedAt).toBeLessThanOrEqual(create!.startedAt);
    expect(cloud.resources('key').map((r) => r.properties)).toEqual([{material: 'B'}]);
  });

  it('waits until a resource is ready before creating what refers to it', async () => {
    const cloud = new FakeCloud({gateway: {readyAfterMs: 30}, route: {}});
    const desired = [resource('gateway', 'nat'), resource('route', 'default', {via: ref('gateway', 'nat')})];
    await apply(cloud, await planFor(cloud, desired));
    const ready = only(cloud.callsOf('waitReady', 'gateway/nat'));
    expect(only(cloud.callsOf('create', 'route/default')).startedAt).toBeGreaterThanOrEqual(ready.endedAt);
  });

  it('never deletes a shared resource', async () => {
    const cloud = new FakeCloud({network: {}, subnet: {}});
    cloud.seed({kind: 'network', name: 'given', lifecycle: 'shared', id: 'net-given'});
    const desired = [
      {...resource('network', 'given'), lifecycle: 'shared' as const, id: 'net-given'},
      resource('subnet', 'a', {networkId: ref('network', 'given')}),
    ];
    await apply(cloud, await planFor(cloud, desired));
    await apply(cloud, await planFor(cloud, []));
    await apply(cloud, planDeletion({inventory: await discover(cloud.connection(), ctx), desired}));
    expect(cloud.callsOf('delete', 'network/given')).toEqual([]);
    expect(cloud.resources().map((r) => r.id)).toEqual(['net-given']);
  });

  it('deletes an extra copy of a key so that reruns converge without duplicates', async () => {
    const cloud = new FakeCloud({res: {}});
    cloud.seed({kind: 'res', name: 'a', properties: {size: 1}});
    cloud.seed({kind: 'res', name: 'a', properties: {size: 1}});
    await apply(cloud, await planFor(cloud, [resource('res', 'a', {size: 1})]));
    expect(cloud.resources('res')).toHaveLength(1);
  });

  it('starts nothing new once the signal is aborted and reports the rest as cancelled', async () => {
    const cloud = new FakeCloud({res: {latencyMs: 5}});
    const controller = new AbortController();
    const plan = await planFor(cloud, [resource('res', 'x'), resource('res', 'y'), resource('res', 'z')]);
    const error = await failingApply(cloud, plan, {
      concurrency: 1,
      signal: controller.signal,
      onEvent: (e) => e.type === 'done' && controller.abort(),
    });
    expect(error.result.done.map((c) => c.key)).toEqual(['res/x']);
    expect(error.result.skipped.map((s) => [s.change.key, s.reason])).toEqual([
      ['res/y', 'cancelled'],
      ['res/z', 'cancelled'],
    ]);
    expect(cloud.callsOf('create')).toHaveLength(1);
  });
});
