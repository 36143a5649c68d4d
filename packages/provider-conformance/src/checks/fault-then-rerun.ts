import {ApplyError} from '@kopsx/core';
import {check, passed, skipped} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {describeChanges} from '../describe-changes.js';
import {countDifferences, listResources} from '../resource-counts.js';
import type {ConformanceSession} from '../session.js';

/**
 * For each fault point N: an apply whose N-th mutating call fails, run without retries as if kopsx had
 * stopped right there, then a plain rerun, must end where a clean apply ends (same resources per kind, no
 * orphans, nothing left to plan), and the cluster must still delete cleanly.
 */
export const faultThenRerun: ConformanceCheck = {
  id: 'fault',
  title: 'fault at call N, then rerun converges',
  needs: ['apply', 'delete'],
  async run(session) {
    const {injectFault} = session.hooks;
    if (!injectFault) return skipped('no injectFault hook');
    const calls = session.options.faultAtCalls ?? defaultFaultCalls(session.createCount);
    const outcomes: string[] = [];
    for (const call of calls) outcomes.push(`call ${call}: ${await faultAndRerun(session, call, injectFault)}`);
    return passed(`${outcomes.join('; ')}; each rerun reached the clean apply's resources and deleted cleanly`);
  },
};

/** Returns how the faulted run ended; throws a ConformanceFailure when the rerun does not converge. */
async function faultAndRerun(session: ConformanceSession, call: number, injectFault: (call: number) => Promise<void>): Promise<string> {
  await session.cluster.storeCluster();
  await injectFault.call(session.hooks, call);
  const first = await session.cluster.converge({...session.cluster.retry, deadlineMs: 0}).then(
    () => 'the first run finished anyway',
    (error: unknown) => {
      if (!(error instanceof ApplyError)) throw error;
      const {failed, skipped: notRun, done} = error.result;
      return `the first run stopped (${done.length} done, ${failed.length} failed, ${notRun.length} skipped)`;
    },
  );
  await session.cluster.converge();
  const {plan} = await session.cluster.preview();
  check(plan.changes.length === 0, () => `after a fault at call ${call} and a rerun, a preview still plans ${describeChanges(plan.changes)}`);
  const clean = session.cleanApply ?? [];
  const differences = countDifferences(clean, await session.owned());
  check(differences.length === 0, () => `after a fault at call ${call} and a rerun, the cloud differs from a clean apply: ${differences.join(', ')}`);
  await session.cluster.deleteAll();
  const left = await session.owned();
  check(left.length === 0, () => `after a fault at call ${call}, deleting the cluster left ${listResources(left)}`);
  return first;
}

/** The first mutating call, and one halfway through creating the cluster. */
function defaultFaultCalls(createCount: number | undefined): number[] {
  const halfway = Math.max(1, Math.ceil((createCount ?? 1) / 2));
  return [...new Set([1, halfway])];
}
