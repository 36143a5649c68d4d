import {afterAll, describe, it} from 'vitest';
import {CONFORMANCE_CHECKS} from './checks/index.js';
import {conformanceReport, formatConformanceReport} from './format-report.js';
import type {ConformanceOptions} from './options.js';
import {ConformanceSession} from './session.js';

const DEFAULT_CHECK_TIMEOUT_MS = 120_000;

/**
 * Registers the suite with vitest, from a provider's own test file: a `describe` block with one test per
 * check, run in order against one reference cluster. A check that does not apply (no instanceGroups, no
 * injectFault hook) or that needs a check which failed is reported as skipped, with the reason. Once all ran,
 * whatever the cluster still owns is deleted and the report table is printed.
 */
export function describeConformance(options: ConformanceOptions): void {
  describe(`${options.provider.cloud} provider conformance`, () => {
    const session = new ConformanceSession(options);
    afterAll(async () => {
      const report = conformanceReport(options.provider.cloud, session.results(), await session.cleanUp());
      console.log(formatConformanceReport(report));
    }, options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    for (const check of CONFORMANCE_CHECKS) {
      it(check.title, async (context) => {
        const result = await session.run(check);
        if (result.status === 'skip') context.skip(result.detail);
        // The original error keeps its stack, which points into the provider where it can.
        if (result.status === 'fail') throw result.error;
      }, options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    }
  });
}
