/**
 * The lower bound on an apply's wall time that the desired graph itself imposes: no schedule can finish
 * before its heaviest chain of dependent resources has been created one after the other.
 */
import {buildDesiredGraph} from '@kopsx/core';

/**
 * @typedef {object} StepCost
 * @property {number} calls simulator requests the step made
 * @property {number} roundTrips calls that ran one after the other (fewer than `calls` if some overlapped)
 */

/**
 * @typedef {object} CriticalPath
 * @property {number} boundMs the heaviest chain's weight
 * @property {string[]} path its resource keys, first created first
 * @property {number} workMs the weight of every node: what `concurrency` slots must get through together
 */

/**
 * Weighs each node of the desired graph with the time its create cannot go below, and finds the heaviest
 * chain. A node costs `roundTrips × latency`; a node of a settling kind costs `settleMs − latency` more, the
 * wait for the cloud to make it ready, less the status read that can be in flight while it ends. Nodes the
 * apply does not touch (shared resources) cost nothing.
 *
 * @param {readonly import('@kopsx/core').DesiredResource[]} desired
 * @param {{costs: ReadonlyMap<string, StepCost>, latencyMs: number, settleMs: number, settlingKinds: readonly string[]}} options
 * @returns {CriticalPath}
 */
export function criticalPath(desired, {costs, latencyMs, settleMs, settlingKinds}) {
  const graph = buildDesiredGraph(desired);
  const weight = (key) => {
    const cost = costs.get(key);
    if (!cost) return 0;
    const settling = settlingKinds.includes(graph.get(key).kind);
    return cost.roundTrips * latencyMs + (settling ? Math.max(0, settleMs - latencyMs) : 0);
  };
  const boundMs = graph.depth({weight});
  const path = heaviestChain(graph, weight);
  const workMs = graph.keys().reduce((sum, key) => sum + weight(key), 0);
  return {boundMs, path, workMs};
}

/** The chain that `depth` measures, for the report to name. */
function heaviestChain(graph, weight) {
  /** @type {Map<string, {total: number, chain: string[]}>} */
  const best = new Map();
  for (const key of graph.topologicalOrder()) {
    const heaviestDependency = graph
      .dependenciesOf(key)
      .map((dependency) => best.get(dependency))
      .reduce((heaviest, entry) => (entry && (!heaviest || entry.total > heaviest.total) ? entry : heaviest), undefined);
    best.set(key, {
      total: (heaviestDependency?.total ?? 0) + weight(key),
      chain: [...(heaviestDependency?.chain ?? []), key],
    });
  }
  const heaviest = [...best.values()].reduce((top, entry) => (entry.total > top.total ? entry : top), {total: 0, chain: []});
  return heaviest.chain;
}
