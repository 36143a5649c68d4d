import {check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {describeChanges} from '../describe-changes.js';

/** Right after an apply, a preview finds nothing to do: `list` gives back properties exactly as the model sets them. */
export const idempotence: ConformanceCheck = {
  id: 'idempotence',
  title: 'preview after apply shows no change',
  needs: ['apply'],
  async run(session) {
    const {plan} = await session.cluster.preview();
    check(
      plan.changes.length === 0,
      () => `right after the apply a preview plans ${plan.changes.length} changes: ${describeChanges(plan.changes)} (list() must return properties as the model sets them)`,
    );
    return passed('no changes');
  },
};
