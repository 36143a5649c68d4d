import {describe, expect, it} from 'vitest';
import {applyFilters} from './filters.js';
import {paginate} from './paging.js';

interface Thing {
  readonly id: string;
  readonly state: string;
  readonly tags: Map<string, string>;
}

const things: Thing[] = [
  {id: 'a', state: 'running', tags: new Map([['KubernetesCluster', 'a.example.com'], ['Name', 'nodes.a']])},
  {id: 'b', state: 'stopped', tags: new Map([['KubernetesCluster', 'b.example.com']])},
  {id: 'c', state: 'running', tags: new Map()},
];

const options = {fields: {state: (thing: Thing) => thing.state}, tags: (thing: Thing) => thing.tags};
const ids = (list: Thing[]) => list.map((thing) => thing.id);

describe('applyFilters', () => {
  it('matches fields and tags, any value within a filter and every filter together', () => {
    expect(ids(applyFilters(things, [{name: 'state', values: ['running', 'pending']}], options))).toEqual(['a', 'c']);
    const both = [{name: 'tag:KubernetesCluster', values: ['*.example.com']}, {name: 'state', values: ['running']}];
    expect(ids(applyFilters(things, both, options))).toEqual(['a']);
    expect(ids(applyFilters(things, [{name: 'tag-key', values: ['Name']}], options))).toEqual(['a']);
    expect(ids(applyFilters(things, [{name: 'tag-value', values: ['?.example.com']}], options))).toEqual(['a', 'b']);
  });

  it('treats regular-expression characters in values literally', () => {
    expect(ids(applyFilters(things, [{name: 'tag:KubernetesCluster', values: ['a.example.co.']}], options))).toEqual([]);
  });

  it('rejects an unknown filter name with the given code', () => {
    expect(() => applyFilters(things, [{name: 'colour', values: ['red']}], {...options, invalidFilterCode: 'ValidationError'}))
      .toThrow(expect.objectContaining({code: 'ValidationError', message: "The filter 'colour' is invalid"}));
  });
});

describe('paginate', () => {
  it('pages with opaque tokens and rejects tokens it did not issue', () => {
    const numbers = Array.from({length: 5}, (_, index) => index);
    const first = paginate(numbers, {maxResults: 2, token: undefined});
    const second = paginate(numbers, {maxResults: 2, token: first.nextToken});
    const third = paginate(numbers, {maxResults: 2, token: second.nextToken});
    expect([first.items, second.items, third.items]).toEqual([[0, 1], [2, 3], [4]]);
    expect(third.nextToken).toBeUndefined();
    expect(paginate(numbers, {maxResults: undefined, token: undefined}).items).toHaveLength(5);
    expect(() => paginate(numbers, {maxResults: 2, token: 'bogus', invalidTokenCode: 'InvalidNextToken'}))
      .toThrow(expect.objectContaining({code: 'InvalidNextToken'}));
  });
});
