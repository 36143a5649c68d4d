#!/usr/bin/env node
/**
 * `npm run bench`: measures plan and apply against the wire simulators, for every cloud in clouds.mjs, and
 * prints one Markdown table (the one docs/benchmarks.md shows). Targets are reported, not enforced: the exit
 * status is non-zero only when a measurement could not be made.
 */
import {performance} from 'node:perf_hooks';
import {measureApplyTime} from './apply-time.mjs';
import {CLOUDS} from './clouds.mjs';
import {measureLargePreview} from './large-preview.mjs';
import {measurePreviewCalls} from './preview-calls.mjs';
import {formatMs, machineNote, renderTable} from './report.mjs';

/** Simulated latency of every call in the apply figure, as the issue sets it. */
const LATENCY_MS = 50;
/**
 * How long NAT gateways and load balancers stay pending, one pair of rows each. AWS takes a minute or two;
 * 250 ms keeps a wait on the critical path without swamping the call latency this figure is about (and lies
 * well between two of the provider's status polls, so CPU noise cannot move it to another poll); 0 leaves
 * call latency alone.
 */
const SETTLE_TIMES_MS = [250, 0];
const LARGE_CLUSTER_INSTANCE_GROUPS = 100;

const MEASUREMENTS = [
  {name: 'preview calls', run: (cloud) => measurePreviewCalls(cloud, {runs: 3})},
  {name: 'apply time', run: (cloud) => measureApplyTime(cloud, {runs: 5, latencyMs: LATENCY_MS, settleTimes: SETTLE_TIMES_MS})},
  {name: 'large preview', run: (cloud) => measureLargePreview(cloud, {runs: 5, instanceGroups: LARGE_CLUSTER_INSTANCE_GROUPS})},
];

// The AWS SDK warns on every process about Node 20 support; the simulator's env says the same to children.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const started = performance.now();
// Before measuring, so the load is what else runs on the machine.
const machine = machineNote();
const rows = [];
const details = [];
const failures = [];
for (const cloud of CLOUDS) {
  for (const measurement of MEASUREMENTS) {
    process.stderr.write(`measuring ${cloud.cloud} ${measurement.name} ...\n`);
    try {
      const result = await measurement.run(cloud);
      rows.push(...result.rows);
      details.push(...result.details);
    } catch (error) {
      failures.push(`${cloud.cloud} ${measurement.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}

console.log(`kopsx benchmark, ${new Date().toISOString().slice(0, 10)}: ${machine} at start`);
console.log();
console.log(renderTable(rows));
console.log();
for (const line of details) console.log(`- ${line}`);
console.log(`\nwhole benchmark: ${formatMs(performance.now() - started)}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} measurement(s) failed:\n${failures.join('\n')}`);
  process.exitCode = 1;
}
