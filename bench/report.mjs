/** The benchmark's output: one Markdown table, the same that docs/benchmarks.md shows. */
import {cpus, loadavg} from 'node:os';

/**
 * One line of the report. `pass` is undefined for figures given for context, without a target.
 * @typedef {object} BenchRow
 * @property {string} cloud
 * @property {string} figure
 * @property {string} target
 * @property {string} measured
 * @property {boolean} [pass]
 * @property {string} runs e.g. `median of 5`
 * @property {string} note
 */

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values) {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `1234.5` → `1.23 s`, `85.2` → `85 ms` */
export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/**
 * `ec2:DescribeVpcs, iam:GetRolePolicy ×2, ...`: what a run of calls was made of, in order of first call.
 * @param {readonly import('@kopsx/cloudsim').RequestLogEntry[]} requests
 */
export function countByAction(requests) {
  const counts = new Map();
  for (const {service, action} of requests) counts.set(`${service}:${action}`, (counts.get(`${service}:${action}`) ?? 0) + 1);
  return [...counts].map(([action, count]) => (count === 1 ? action : `${action} ×${count}`)).join(', ');
}

/** The machine, the way the report's header names it; the load says how much else competed for it. */
export function machineNote() {
  const cores = cpus();
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, ${process.platform}, load average ${load}`;
}

/** @param {readonly BenchRow[]} rows */
export function renderTable(rows) {
  const header = ['cloud', 'figure', 'target', 'measured', 'result', 'runs', 'note'];
  const lines = rows.map((row) => [row.cloud, row.figure, row.target, row.measured, verdict(row.pass), row.runs, row.note]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`).join('\n');
}

function verdict(pass) {
  if (pass === undefined) return '—';
  return pass ? 'pass' : 'MISS';
}

function escapeCell(text) {
  return String(text).replaceAll('|', '\\|');
}
