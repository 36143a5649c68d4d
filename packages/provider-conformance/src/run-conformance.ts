import {CONFORMANCE_CHECKS} from './checks/index.js';
import {conformanceReport} from './format-report.js';
import type {ConformanceReport} from './format-report.js';
import type {ConformanceOptions} from './options.js';
import {ConformanceSession} from './session.js';

/**
 * Runs every check against the provider, one after the other, and resolves with the report; it rejects only
 * for a bug of the suite itself. After a failed check it still runs the rest (those that need it are
 * skipped) and deletes whatever the cluster still owns at the end. For vitest, describeConformance gives one
 * test per check instead.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const session = new ConformanceSession(options);
  for (const check of CONFORMANCE_CHECKS) await session.run(check);
  return conformanceReport(options.provider.cloud, session.results(), await session.cleanUp());
}
