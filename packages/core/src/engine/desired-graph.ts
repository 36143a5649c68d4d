import {DependencyGraph} from '../graph/index.js';
import {resourceKey} from '../provider/index.js';
import type {DesiredResource} from '../provider/index.js';
import {ModelError} from './errors.js';
import {dependencyKeys} from './references.js';

/**
 * The desired resources as a graph whose edges are their references and `dependsOn`. Rejects what
 * would make a plan meaningless: two resources with one key, a reference to a resource the model does
 * not define, and cycles (CycleError naming the cycle).
 */
export function buildDesiredGraph(desired: readonly DesiredResource[]): DependencyGraph<DesiredResource> {
  const graph = new DependencyGraph<DesiredResource>();
  for (const resource of desired) {
    const key = resourceKey(resource);
    if (graph.has(key)) throw new ModelError(`the model defines ${key} twice`);
    graph.addNode(key, resource);
  }
  for (const resource of desired) {
    const key = resourceKey(resource);
    for (const dependency of dependencyKeys(resource)) {
      if (!graph.has(dependency)) {
        throw new ModelError(`${key} refers to ${dependency}, which the model does not define`);
      }
      graph.addDependency(key, dependency);
    }
  }
  graph.topologicalOrder(); // throws CycleError naming the cycle
  return graph;
}
