/**
 * Figure 1: API calls a preview makes per resource it plans, for a 3-zone, 3-control-plane, private cluster.
 * Counted twice: before anything exists (what a user previews first) and once the cluster is applied, when
 * discovery has everything to read back.
 */
import {BenchCluster} from './bench-cluster.mjs';
import {countByAction, median} from './report.mjs';

const TARGET = 0.25;

/**
 * @param {import('./clouds.mjs').BenchCloud} cloud
 * @param {{runs: number}} options
 * @returns {Promise<{rows: import('./report.mjs').BenchRow[], details: string[]}>}
 */
export async function measurePreviewCalls(cloud, {runs}) {
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push(await previewTwice(cloud));
  const last = samples[samples.length - 1];
  const rowOf = (figure, pick, note) => {
    const calls = median(samples.map((s) => pick(s).calls));
    const perResource = calls / last.resources;
    return {
      cloud: cloud.cloud,
      figure,
      target: `≤ ${TARGET} calls/resource`,
      measured: `${perResource.toFixed(2)} (${calls} calls / ${last.resources} resources)`,
      pass: perResource <= TARGET,
      runs: `median of ${runs}${spread(samples.map((s) => pick(s).calls))}`,
      note,
    };
  };
  return {
    rows: [
      rowOf('preview calls per planned resource, nothing created yet', (s) => s.empty, `plans ${last.empty.creates} creates`),
      rowOf(
        'preview calls per planned resource, cluster applied',
        (s) => s.applied,
        last.applied.changes === 0 ? 'plans no change' : `plans ${last.applied.changes} changes after the apply`,
      ),
    ],
    details: [
      `${cloud.cloud}: calls of the preview of the applied cluster, by action: ${countByAction(last.applied.requests)}`,
    ],
  };
}

async function previewTwice(cloud) {
  const cluster = await BenchCluster.start(cloud);
  try {
    const empty = await countedPlan(cluster, {apply: true});
    const applied = await countedPlan(cluster, {apply: false});
    return {resources: empty.resources, empty, applied};
  } finally {
    await cluster.close();
  }
}

/** Plans (and applies, when asked), counting the simulator requests of the plan alone. */
async function countedPlan(cluster, {apply}) {
  const before = cluster.requestCount;
  const update = await cluster.plan();
  try {
    const requests = cluster.sim.requests().slice(before);
    const result = {
      calls: requests.length,
      requests,
      resources: update.model.resources.length,
      creates: update.plan.changes.filter((change) => change.action === 'create').length,
      changes: update.plan.changes.length,
    };
    if (apply) await cluster.apply(update);
    return result;
  } finally {
    await update.connection.close();
  }
}

/** ` (16–17 calls)` when runs disagreed; counts should not vary, so a spread is worth seeing. */
function spread(values) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? '' : ` (${low}–${high} calls)`;
}
