/** The report as the table a provider's test prints at the end: CHECK, RESULT, DETAIL. */
import type {CheckResult, CheckStatus} from './check-result.js';

export interface ConformanceReport {
  /** The cloud of the provider under test. */
  readonly cloud: string;
  /** One per check, in the order they ran. */
  readonly results: readonly CheckResult[];
  /** No check failed (skipped ones do not count against it). */
  readonly passed: boolean;
  /** Set when a failed run could not delete what it had built. */
  readonly cleanupProblem?: string;
}

const RESULT_WORDS: Record<CheckStatus, string> = {pass: 'PASS', fail: 'FAIL', skip: 'SKIP'};

export function formatConformanceReport(report: ConformanceReport): string {
  const rows = [
    ['CHECK', 'RESULT', 'DETAIL'],
    ...report.results.map((r) => [r.title, RESULT_WORDS[r.status], r.detail]),
  ];
  const width = (column: number) => Math.max(...rows.map((row) => (row[column] ?? '').length));
  const [checkWidth, resultWidth] = [width(0), width(1)];
  const lines = rows.map(([title = '', result = '', detail = '']) => `${title.padEnd(checkWidth)}  ${result.padEnd(resultWidth)}  ${detail}`.trimEnd());
  const count = (status: CheckStatus) => report.results.filter((r) => r.status === status).length;
  const summary = `${report.cloud} provider conformance: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`;
  return [summary, ...lines, ...(report.cleanupProblem ? [`Warning: ${report.cleanupProblem}`] : [])].join('\n');
}

/** A report over `results`. */
export function conformanceReport(cloud: string, results: readonly CheckResult[], cleanupProblem?: string): ConformanceReport {
  return {
    cloud,
    results,
    passed: results.every((r) => r.status !== 'fail'),
    ...(cleanupProblem === undefined ? {} : {cleanupProblem}),
  };
}
