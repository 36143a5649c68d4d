import {describe, expect, it} from 'vitest';
import {CycleError} from '../graph/index.js';
import {ref} from '../provider/index.js';
import type {DesiredResource, HandlerContext, ResourceHandler} from '../provider/index.js';
import {discover} from './discover.js';
import {ModelError} from './errors.js';
import {KNOWN_AFTER_APPLY} from './known-after-apply.js';
import type {Plan} from './plan.js';
import {planChanges} from './plan-changes.js';
import {planDeletion} from './plan-deletion.js';
import {FakeCloud} from './testing/fake-cloud.js';
import type {FakeKindOptions} from './testing/fake-cloud.js';

const ctx: HandlerContext = {clusterName: 'test.k8s.local', signal: new AbortController().signal, log: () => {}};

function resource(kind: string, name: string, properties: DesiredResource['properties'] = {}): DesiredResource {
  return {kind, name, properties};
}

async function planFor(cloud: FakeCloud, desired: DesiredResource[], handlers?: ResourceHandler[]): Promise<Plan> {
  const connection = cloud.connection();
  const inventory = await discover(connection, ctx);
  return planChanges({desired, inventory, handlers: handlers ?? connection.handlers});
}

const kinds: Record<string, FakeKindOptions> = {
  network: {replaceOn: ['cidr']},
  subnet: {replaceOn: ['cidr']},
  group: {},
};

describe('planChanges', () => {
  it('creates what is missing in dependency order, references to new resources known after apply', async () => {
    const desired = [
      resource('subnet', 'a', {cidr: '10.0.1.0/24', networkId: ref('network', 'main')}),
      resource('network', 'main', {cidr: '10.0.0.0/16'}),
    ];
    const plan = await planFor(new FakeCloud(kinds), desired);
    expect(plan.changes.map((c) => [c.action, c.key])).toEqual([
      ['create', 'network/main'],
      ['create', 'subnet/a'],
    ]);
    expect(plan.changes[1]?.fieldChanges).toEqual([
      {field: 'cidr', before: undefined, after: '10.0.1.0/24'},
      {field: 'networkId', before: undefined, after: KNOWN_AFTER_APPLY},
    ]);
    expect(plan.changes[0]?.reasons).toEqual(['not found in the cloud']);
  });

  it('compares desired fields only, so extra fields the cloud reports change nothing', async () => {
    const cloud = new FakeCloud(kinds);
    cloud.seed({kind: 'network', name: 'main', properties: {cidr: '10.0.0.0/16', state: 'available'}});
    const plan = await planFor(cloud, [resource('network', 'main', {cidr: '10.0.0.0/16'})]);
    expect(plan.changes).toEqual([]);
  });

  it('updates a field that can change in place, saying what differs', async () => {
    const cloud = new FakeCloud(kinds);
    const group = cloud.seed({kind: 'group', name: 'nodes', properties: {size: 2, machine: 'small'}});
    const plan = await planFor(cloud, [resource('group', 'nodes', {size: 3, machine: 'small'})]);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        key: 'group/nodes',
        id: group.id,
        fieldChanges: [{field: 'size', before: 2, after: 3}],
        replaceFields: [],
        reasons: ['size differs from the spec'],
      }),
    ]);
  });

  it('replaces a resource whose replaceOn field changed, and updates what refers to it', async () => {
    const cloud = new FakeCloud(kinds);
    const network = cloud.seed({kind: 'network', name: 'main', properties: {cidr: '10.0.0.0/16'}});
    cloud.seed({kind: 'group', name: 'nodes', properties: {networkId: network.id}});
    const plan = await planFor(cloud, [
      resource('network', 'main', {cidr: '10.1.0.0/16'}),
      resource('group', 'nodes', {networkId: ref('network', 'main')}),
    ]);
    expect(plan.changes.map((c) => [c.action, c.key, c.replaceFields])).toEqual([
      ['replace', 'network/main', ['cidr']],
      ['update', 'group/nodes', []],
    ]);
    expect(plan.changes[0]?.reasons).toEqual(['cidr cannot change in place']);
    expect(plan.changes[1]?.fieldChanges).toEqual([{field: 'networkId', before: network.id, after: KNOWN_AFTER_APPLY}]);
    expect(plan.changes[1]?.reasons).toContain('networkId refers to network/main, which will be replaced');
  });

  it('replaces on any change when the handler cannot update', async () => {
    const cloud = new FakeCloud({key: {updatable: false}});
    cloud.seed({kind: 'key', name: 'admin', properties: {publicKey: 'ssh-ed25519 AAA'}});
    const plan = await planFor(cloud, [resource('key', 'admin', {publicKey: 'ssh-ed25519 BBB'})]);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: 'replace',
        replaceFields: ['publicKey'],
        reasons: ['key cannot be updated in place'],
      }),
    ]);
  });

  it("uses the handler's looser comparison when it has one", async () => {
    const cloud = new FakeCloud(kinds);
    cloud.seed({kind: 'group', name: 'nodes', properties: {zones: ['b', 'a']}});
    const sameSet = (_field: string, observed: unknown, desired: unknown) =>
      JSON.stringify([...(observed as string[])].sort()) === JSON.stringify([...(desired as string[])].sort());
    const handlers = cloud.connection().handlers.map((h) => (h.kind === 'group' ? {...h, equal: sameSet} : h));
    const desired = [resource('group', 'nodes', {zones: ['a', 'b']})];
    expect((await planFor(cloud, desired, handlers)).changes).toEqual([]);
    expect((await planFor(cloud, desired)).changes).toHaveLength(1);
  });

  it('deletes owned resources no longer desired and extra copies of a key, never shared ones', async () => {
    const cloud = new FakeCloud(kinds);
    const kept = cloud.seed({kind: 'group', name: 'nodes', properties: {size: 1}});
    const copy = cloud.seed({kind: 'group', name: 'nodes', properties: {size: 1}});
    const old = cloud.seed({kind: 'group', name: 'old'});
    cloud.seed({kind: 'network', name: 'theirs', lifecycle: 'shared', id: 'net-given'});
    const plan = await planFor(cloud, [resource('group', 'nodes', {size: 1})]);
    expect(plan.changes.map((c) => [c.action, c.key, c.id, c.reasons])).toEqual([
      ['delete', 'group/old', old.id, ['no longer in the cluster spec']],
      ['delete', `group/nodes#${copy.id}`, copy.id, [`duplicate of group/nodes (${kept.id})`]],
    ]);
  });

  it('never changes a shared resource: a difference is a warning, its given ID resolves references', async () => {
    const cloud = new FakeCloud(kinds);
    const properties = {cidr: '10.9.0.0/16'};
    cloud.seed({kind: 'network', name: 'main', lifecycle: 'shared', id: 'net-given', properties});
    const plan = await planFor(cloud, [
      {...resource('network', 'main', {cidr: '10.0.0.0/16'}), lifecycle: 'shared', id: 'net-given'},
      {...resource('network', 'other', {}), lifecycle: 'shared', id: 'net-undiscovered'},
      resource('subnet', 'a', {networkId: ref('network', 'main'), otherId: ref('network', 'other')}),
    ]);
    expect(plan.changes.map((c) => [c.action, c.key])).toEqual([['create', 'subnet/a']]);
    expect(plan.changes[0]?.fieldChanges.map((f) => f.after)).toEqual(['net-given', 'net-undiscovered']);
    expect(plan.warnings).toEqual([
      'shared network/main (net-given) differs from the spec in cidr; kopsx never changes shared resources',
    ]);
  });

  it('marks the fields a handler declares sensitive', async () => {
    const plan = await planFor(new FakeCloud({secret: {sensitive: ['token']}}), [
      resource('secret', 's', {token: 'hunter2', name: 's'}),
    ]);
    expect(plan.changes[0]?.fieldChanges).toEqual([
      {field: 'name', before: undefined, after: 's'},
      {field: 'token', before: undefined, after: 'hunter2', sensitive: true},
    ]);
  });

  it('reports a reference cycle by naming it', async () => {
    const desired = [
      resource('subnet', 'a', {routeId: ref('group', 'b')}),
      {...resource('group', 'b'), dependsOn: ['subnet/a']},
    ];
    const error = await planFor(new FakeCloud(kinds), desired).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CycleError);
    expect((error as CycleError).message).toBe('dependency cycle: subnet/a -> group/b -> subnet/a');
  });

  it('rejects a reference to a resource the model does not define', async () => {
    const planning = planFor(new FakeCloud(kinds), [resource('subnet', 'a', {networkId: ref('network', 'ghost')})]);
    await expect(planning).rejects.toThrow(
      new ModelError('subnet/a refers to network/ghost, which the model does not define'),
    );
  });
});

describe('planDeletion', () => {
  it('deletes every owned resource and extra copy, and no shared one', async () => {
    const cloud = new FakeCloud(kinds);
    const network = cloud.seed({kind: 'network', name: 'main'});
    const subnet = cloud.seed({kind: 'subnet', name: 'a'});
    const copy = cloud.seed({kind: 'subnet', name: 'a'});
    cloud.seed({kind: 'network', name: 'given', lifecycle: 'shared'});
    const plan = planDeletion({inventory: await discover(cloud.connection(), ctx)});
    expect(plan.changes.map((c) => [c.action, c.key, c.id])).toEqual([
      ['delete', 'network/main', network.id],
      ['delete', 'subnet/a', subnet.id],
      ['delete', `subnet/a#${copy.id}`, copy.id],
    ]);
  });
});
