import {ref} from '@kopsx/core';
import type {Change, DesiredResource, Plan} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {modelChanges, planMismatches} from './model-diff.js';

const network: DesiredResource = {kind: 'network', name: 'c', properties: {cidr: '10.0.0.0/16'}};
const group = (size: number, type = 'small'): DesiredResource => ({
  kind: 'group',
  name: 'nodes',
  properties: {network: ref('network', 'c'), size, type},
});

function planOf(...changes: Partial<Change>[]): Plan {
  return {changes: changes.map((c) => ({fieldChanges: [], replaceFields: [], reasons: [], kind: '', name: '', ...c}) as Change), warnings: [], desired: [], inventory: undefined as never};
}

describe('modelChanges', () => {
  it('names created, deleted and modified resources with the properties that changed', () => {
    const shared: DesiredResource = {kind: 'zone', name: 'z', properties: {v: 1}, lifecycle: 'shared', id: 'z-1'};
    const before = [network, group(1), shared, {kind: 'disk', name: 'old', properties: {}}];
    const after = [network, group(2, 'large'), {...shared, properties: {v: 2}}, {kind: 'disk', name: 'new', properties: {}}];
    expect(modelChanges(before, after)).toEqual([
      {key: 'disk/new', action: 'create', fields: []},
      {key: 'disk/old', action: 'delete', fields: []},
      {key: 'group/nodes', action: 'modify', fields: ['size', 'type']},
    ]);
  });

  it('finds nothing between equal models, references included', () => {
    expect(modelChanges([network, group(1)], [network, group(1)])).toEqual([]);
  });
});

describe('planMismatches', () => {
  const expected = modelChanges([network, group(1)], [network, group(2)]);

  it('accepts an update or a replacement of exactly the changed fields', () => {
    const fieldChanges = [{field: 'size', before: 1, after: 2}];
    expect(planMismatches(expected, planOf({action: 'update', key: 'group/nodes', fieldChanges}), {exact: true})).toEqual([]);
    expect(planMismatches(expected, planOf({action: 'replace', key: 'group/nodes', fieldChanges}), {exact: true})).toEqual([]);
  });

  it('says what is missing, what changes other fields, and (when exact) what is extra', () => {
    expect(planMismatches(expected, planOf(), {exact: true})).toEqual(['the model calls for changing size of group/nodes, the plan has nothing for it']);
    const wrongFields = planOf({action: 'update', key: 'group/nodes', fieldChanges: [{field: 'type', before: 'a', after: 'b'}]});
    expect(planMismatches(expected, wrongFields, {exact: true})).toEqual(['update group/nodes changes type; the model changed size']);
    const extra = planOf(
      {action: 'update', key: 'group/nodes', fieldChanges: [{field: 'size', before: 1, after: 2}]},
      {action: 'delete', key: 'network/c'},
    );
    expect(planMismatches(expected, extra, {exact: true})).toEqual(['the plan also has delete network/c, which the model does not call for']);
    expect(planMismatches(expected, extra, {exact: false})).toEqual([]);
  });
});
