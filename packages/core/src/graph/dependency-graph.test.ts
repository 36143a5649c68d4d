import {describe, expect, it} from 'vitest';
import {CycleError} from './cycle-error.js';
import {DependencyGraph} from './dependency-graph.js';

/** Builds a graph from `node: dependencies` pairs, nodes in the order given. */
function graphOf(spec: Record<string, string[]>): DependencyGraph<null> {
  const graph = new DependencyGraph<null>();
  for (const key of Object.keys(spec)) graph.addNode(key, null);
  for (const [key, dependencies] of Object.entries(spec)) {
    for (const dependency of dependencies) graph.addDependency(key, dependency);
  }
  return graph;
}

describe('DependencyGraph', () => {
  it('orders every node after its dependencies, keeping insertion order among equals', () => {
    const graph = graphOf({app: ['db', 'net'], db: ['net'], net: [], logs: []});
    expect(graph.topologicalOrder()).toEqual(['net', 'logs', 'db', 'app']);
    expect(graph.reverseOrder()).toEqual(['app', 'db', 'logs', 'net']);
  });

  it('reports a cycle as the path that closes it', () => {
    const graph = graphOf({a: ['b'], b: ['c'], c: ['a'], d: []});
    expect(graph.findCycle()).toEqual(['a', 'b', 'c', 'a']);
    expect(() => graph.topologicalOrder()).toThrow(new CycleError(['a', 'b', 'c', 'a']));
    expect(() => graph.topologicalOrder()).toThrow('dependency cycle: a -> b -> c -> a');
  });

  it('reports a node waiting for itself', () => {
    expect(graphOf({a: ['a']}).findCycle()).toEqual(['a', 'a']);
  });

  it('finds no cycle in a diamond', () => {
    expect(graphOf({top: ['left', 'right'], left: ['base'], right: ['base'], base: []}).findCycle()).toBeUndefined();
  });

  it('measures depth as the heaviest chain, by count or by weight', () => {
    const graph = graphOf({a: [], b: ['a'], c: ['b'], slow: []});
    expect(graph.depth()).toBe(3);
    expect(graph.depth({weight: (key) => (key === 'slow' ? 10 : 1)})).toBe(10);
    expect(new DependencyGraph<null>().depth()).toBe(0);
  });

  it('gives each node the height of the work that remains after it starts', () => {
    const heights = graphOf({a: [], b: ['a'], c: ['b'], d: ['a']}).heights();
    expect(Object.fromEntries(heights)).toEqual({a: 3, b: 2, c: 1, d: 1});
  });

  it('groups the members of each cycle into one strongly connected component', () => {
    const components = graphOf({a: ['b'], b: ['a', 'c'], c: [], d: ['d']}).stronglyConnectedComponents();
    expect(components.map((c) => [...c].sort())).toEqual(expect.arrayContaining([['a', 'b'], ['c'], ['d']]));
    expect(components).toHaveLength(3);
  });

  it('becomes orderable again once the edge closing a cycle is removed', () => {
    const graph = graphOf({a: ['b'], b: ['a']});
    graph.removeDependency('b', 'a');
    expect(graph.topologicalOrder()).toEqual(['b', 'a']);
  });

  it('refuses edges to unknown nodes and duplicate nodes, leaving the graph unchanged', () => {
    const graph = graphOf({a: []});
    expect(() => graph.addDependency('a', 'missing')).toThrow('no graph node "missing"');
    expect(graph.dependenciesOf('a')).toEqual([]);
    expect(() => graph.addNode('a', null)).toThrow('already exists');
  });
});
