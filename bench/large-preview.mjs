/**
 * Figure 3: the wall time of a preview (`update cluster` without `--yes`: load and complete the spec, build
 * the model, discover, diff) of a cluster with many instance groups, with no simulated latency. Timed against
 * the cluster once applied, where discovery reads every group back and the diff compares them all; the very
 * first preview, before anything exists (which also creates the cluster's keys), is timed as well.
 */
import {performance} from 'node:perf_hooks';
import {BenchCluster} from './bench-cluster.mjs';
import {countByAction, formatMs, median} from './report.mjs';

const TARGET_MS = 1000;

/**
 * @param {import('./clouds.mjs').BenchCloud} cloud
 * @param {{runs: number, instanceGroups: number}} options
 * @returns {Promise<{rows: import('./report.mjs').BenchRow[], details: string[]}>}
 */
export async function measureLargePreview(cloud, {runs, instanceGroups}) {
  const cluster = await BenchCluster.start(cloud, {instanceGroups});
  try {
    const first = await timedPlan(cluster);
    const applyStarted = performance.now();
    try {
      await cluster.apply(first.update);
    } finally {
      await first.update.connection.close();
    }
    const applyMs = performance.now() - applyStarted;
    const previews = [];
    for (let run = 0; run < runs; run++) {
      const preview = await timedPlan(cluster);
      await preview.update.connection.close();
      previews.push(preview);
    }
    const last = previews[previews.length - 1];
    const changes = last.update.plan.changes.length;
    const rowOf = (figure, ms, runsNote, note) => ({
      cloud: cloud.cloud,
      figure,
      target: `< ${formatMs(TARGET_MS)}`,
      measured: formatMs(ms),
      pass: ms < TARGET_MS,
      runs: runsNote,
      note,
    });
    const size = `${instanceGroups} instance groups, ${last.update.model.resources.length} resources`;
    return {
      rows: [
        rowOf(
          `preview of a ${instanceGroups}-instance-group cluster, applied`,
          median(previews.map((p) => p.ms)),
          `median of ${runs}`,
          `${size}, ${last.requests.length} calls; ${changes === 0 ? 'plans no change' : `plans ${changes} changes`}`,
        ),
        rowOf(
          `preview of a ${instanceGroups}-instance-group cluster, nothing created yet`,
          first.ms,
          '1 (a cluster is new once)',
          `includes creating the cluster's keys; then applied in ${formatMs(applyMs)}`,
        ),
      ],
      details: [`${cloud.cloud}: calls of the ${instanceGroups}-group preview, by action: ${countByAction(last.requests)}`],
    };
  } finally {
    await cluster.close();
  }
}

async function timedPlan(cluster) {
  const before = cluster.requestCount;
  const started = performance.now();
  const update = await cluster.plan();
  const ms = performance.now() - started;
  return {update, ms, requests: cluster.sim.requests().slice(before)};
}
