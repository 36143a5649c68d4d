import {describe, expect, it} from 'vitest';
import {ref} from '../provider/index.js';
import type {DesiredResource, HandlerContext} from '../provider/index.js';
import {discover} from './discover.js';
import type {Plan} from './plan.js';
import {planChanges} from './plan-changes.js';
import {planToJson} from './plan-json.js';
import {renderPreview} from './preview.js';
import {FakeCloud} from './testing/fake-cloud.js';

const ctx: HandlerContext = {clusterName: 'test.k8s.local', signal: new AbortController().signal, log: () => {}};
const kinds = {network: {replaceOn: ['cidr']}, subnet: {}, group: {}, secret: {sensitive: ['token']}};

/** A cloud holding network/main (fake-network-1), group/nodes (fake-group-2) and group/old (fake-group-3). */
function seededCloud(): FakeCloud {
  const cloud = new FakeCloud(kinds);
  cloud.seed({kind: 'network', name: 'main', properties: {cidr: '10.0.0.0/16'}});
  cloud.seed({kind: 'group', name: 'nodes', properties: {size: 2, script: 'echo one\necho two'}});
  cloud.seed({kind: 'group', name: 'old'});
  return cloud;
}

const desired: DesiredResource[] = [
  {kind: 'network', name: 'main', properties: {cidr: '10.1.0.0/16'}},
  {
    kind: 'group',
    name: 'nodes',
    properties: {size: 3, networkId: ref('network', 'main'), script: 'echo one\necho two'},
  },
  {kind: 'subnet', name: 'a', properties: {cidr: '10.1.1.0/24', networkId: ref('network', 'main'), zones: ['a', 'b']}},
  {kind: 'secret', name: 's', properties: {token: 'hunter2'}},
];

async function planFor(cloud: FakeCloud, resources: readonly DesiredResource[]): Promise<Plan> {
  const connection = cloud.connection();
  return planChanges({desired: resources, inventory: await discover(connection, ctx), handlers: connection.handlers});
}

describe('renderPreview', () => {
  it('groups changes like kOps and ends with the summary line', async () => {
    expect(renderPreview(await planFor(seededCloud(), desired))).toBe(
      [
        'Will create resources:',
        '  secret/s',
        '\ttoken\t(sensitive)',
        '  subnet/a',
        '\tcidr\t10.1.1.0/24',
        '\tnetworkId\t(known after apply)',
        '\tzones\t["a","b"]',
        '',
        'Will modify resources:',
        '  group/nodes',
        '\tnetworkId\t(none) -> (known after apply)',
        '\tsize\t2 -> 3',
        '  network/main (replace: cidr)',
        '\tcidr\t10.0.0.0/16 -> 10.1.0.0/16',
        '',
        'Will delete resources:',
        '  group/old\tfake-group-3',
        '',
        '2 to create, 2 to modify (1 replaced), 1 to delete',
        '',
      ].join('\n'),
    );
  });

  it('shows multi-line text as its size and a digest, never the text', async () => {
    const cloud = seededCloud();
    const changed = desired.map((r) =>
      r.name === 'nodes' ? {...r, properties: {...r.properties, script: 'echo one\necho three'}} : r,
    );
    const line = renderPreview(await planFor(cloud, changed))
      .split('\n')
      .find((l) => l.startsWith('\tscript'));
    const digest = '\\(2 lines, sha256 ([0-9a-f]{12})\\)';
    const match = new RegExp(`^\tscript\t${digest} -> ${digest}$`).exec(line ?? '');
    expect(match).not.toBeNull();
    expect(match?.[1]).not.toBe(match?.[2]);
  });

  it('says there are no changes, after any warning', async () => {
    const cloud = new FakeCloud(kinds);
    cloud.seed({kind: 'network', name: 'given', id: 'net-1', lifecycle: 'shared', properties: {cidr: '10.0.0.0/8'}});
    const shared: DesiredResource = {
      kind: 'network',
      name: 'given',
      properties: {cidr: '10.0.0.0/16'},
      lifecycle: 'shared',
      id: 'net-1',
    };
    expect(renderPreview(await planFor(cloud, [shared]))).toBe(
      'Warning: shared network/given (net-1) differs from the spec in cidr; kopsx never changes shared resources\n' +
        'No changes.\n',
    );
  });

  it('marks the deletion of an extra copy of a key', async () => {
    const cloud = new FakeCloud(kinds);
    cloud.seed({kind: 'group', name: 'nodes'});
    cloud.seed({kind: 'group', name: 'nodes'});
    expect(renderPreview(await planFor(cloud, [{kind: 'group', name: 'nodes', properties: {}}]))).toBe(
      'Will delete resources:\n  group/nodes\tfake-group-2\t(duplicate)\n\n0 to create, 0 to modify, 1 to delete\n',
    );
  });
});

describe('planToJson', () => {
  it('gives every change with its fields and reasons, hiding sensitive values', async () => {
    const json = JSON.parse(planToJson(await planFor(seededCloud(), desired)));
    expect(json.summary).toEqual({create: 2, modify: 2, replace: 1, delete: 1});
    expect(json.changes.map((c: {action: string; key: string}) => `${c.action} ${c.key}`)).toEqual([
      'create secret/s',
      'create subnet/a',
      'update group/nodes',
      'replace network/main',
      'delete group/old',
    ]);
    expect(json.changes[0].fieldChanges).toEqual([{field: 'token', before: null, after: '(sensitive)'}]);
    expect(json.changes[3]).toEqual({
      action: 'replace',
      key: 'network/main',
      kind: 'network',
      name: 'main',
      id: 'fake-network-1',
      reasons: ['cidr cannot change in place'],
      replaceFields: ['cidr'],
      fieldChanges: [{field: 'cidr', before: '10.0.0.0/16', after: '10.1.0.0/16'}],
    });
    expect(json.changes[2].fieldChanges[0]).toEqual({field: 'networkId', before: null, after: '(known after apply)'});
  });

  it('is the same text whatever order the model lists its resources in', async () => {
    const forward = planToJson(await planFor(seededCloud(), desired));
    const backward = planToJson(await planFor(seededCloud(), [...desired].reverse()));
    expect(backward).toBe(forward);
    expect(forward).not.toContain('hunter2');
  });
});
