/**
 * Figure 2: the wall time of a first apply of the 3-zone, 3-control-plane, private cluster with a fixed
 * latency on every call, against the critical-path bound of its desired graph (see critical-path.mjs).
 *
 * What each create costs is measured, not assumed: a calibration apply runs one step at a time, with the
 * same latency and no settle time, and records how many calls each step made and how long it took (so
 * calls that overlap inside a step count once).
 */
import {performance} from 'node:perf_hooks';
import {BenchCluster} from './bench-cluster.mjs';
import {criticalPath} from './critical-path.mjs';
import {formatMs, median} from './report.mjs';

const TARGET_RATIO = 1.3;
/** applyClusterUpdate's default, what `kopsx update cluster --yes` uses. */
const DEFAULT_CONCURRENCY = 10;

/**
 * @param {import('./clouds.mjs').BenchCloud} cloud
 * @param {{runs: number, latencyMs: number, settleTimes: readonly number[]}} options one pair of rows per
 *   settle time (how long NAT gateways and load balancers stay pending), from one calibration
 * @returns {Promise<{rows: import('./report.mjs').BenchRow[], details: string[]}>}
 */
export async function measureApplyTime(cloud, {runs, latencyMs, settleTimes}) {
  const {costs, desired} = await calibrate(cloud, latencyMs);
  const totalCalls = [...costs.values()].reduce((sum, cost) => sum + cost.calls, 0);
  const rows = [];
  const details = [];
  for (const settleMs of settleTimes) {
    const bound = criticalPath(desired, {costs, latencyMs, settleMs, settlingKinds: cloud.settlingKinds});
    const defaultRuns = [];
    const unboundedRuns = [];
    for (let run = 0; run < runs; run++) {
      defaultRuns.push(await timedApply(cloud, {latencyMs, settleMs, concurrency: DEFAULT_CONCURRENCY}));
      unboundedRuns.push(await timedApply(cloud, {latencyMs, settleMs, concurrency: costs.size}));
    }
    const rowOf = (figure, samples, note) => {
      const ms = median(samples.map((s) => s.ms));
      const ratio = ms / bound.boundMs;
      const retries = median(samples.map((s) => s.retries));
      return {
        cloud: cloud.cloud,
        figure: `${figure}, ${settleMs} ms settle`,
        target: `≤ ${TARGET_RATIO}× bound`,
        measured: `${ratio.toFixed(2)}× (${formatMs(ms)} / ${formatMs(bound.boundMs)})`,
        pass: ratio <= TARGET_RATIO,
        runs: `median of ${runs}`,
        note: `${latencyMs} ms/call; ${note}${retries > 0 ? `; ${retries} retries` : ''}`,
      };
    };
    rows.push(
      rowOf(
        `first apply vs critical path, concurrency ${DEFAULT_CONCURRENCY} (default)`,
        defaultRuns,
        `${costs.size} steps, ${totalCalls} calls; all steps through ${DEFAULT_CONCURRENCY} slots need ≥ ${formatMs(bound.workMs / DEFAULT_CONCURRENCY)}`,
      ),
      rowOf('first apply vs critical path, concurrency unbounded', unboundedRuns, 'every step starts once its dependencies are done'),
    );
    const path = bound.path.filter((key) => costs.has(key)).map((key) => `${key} [${costs.get(key).roundTrips}]`);
    details.push(`${cloud.cloud}, ${settleMs} ms settle: critical path (${formatMs(bound.boundMs)}): ${path.join(' → ')}`);
  }
  return {rows, details};
}

/** Applies one step at a time and measures every step. */
async function calibrate(cloud, latencyMs) {
  const cluster = await BenchCluster.start(cloud, {latencyMs, settleMs: 0});
  try {
    const update = await cluster.plan();
    /** @type {Map<string, import('./critical-path.mjs').StepCost>} */
    const costs = new Map();
    let current;
    try {
      await cluster.apply(update, {
        concurrency: 1,
        onEvent: (event) => {
          if (event.type === 'start') current = {calls: cluster.requestCount, started: performance.now()};
          if (event.type !== 'done' || !current) return;
          const calls = cluster.requestCount - current.calls;
          const roundTrips = Math.min(calls, Math.round((performance.now() - current.started) / latencyMs));
          costs.set(event.step.key, {calls, roundTrips});
        },
      });
    } finally {
      await update.connection.close();
    }
    return {costs, desired: update.model.resources};
  } finally {
    await cluster.close();
  }
}

async function timedApply(cloud, {latencyMs, settleMs, concurrency}) {
  const cluster = await BenchCluster.start(cloud, {latencyMs, settleMs});
  try {
    const update = await cluster.plan();
    let retries = 0;
    try {
      const started = performance.now();
      await cluster.apply(update, {
        concurrency,
        onEvent: (event) => {
          if (event.type === 'retry') retries += 1;
        },
      });
      return {ms: performance.now() - started, retries};
    } finally {
      await update.connection.close();
    }
  } finally {
    await cluster.close();
  }
}
