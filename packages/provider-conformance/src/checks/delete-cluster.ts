import {ConformanceFailure, check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {errorMessage} from '../error-message.js';
import {listResources} from '../resource-counts.js';

/** `delete cluster --yes` removes everything the cluster owns in the cloud, then its state. */
export const deleteClusterCheck: ConformanceCheck = {
  id: 'delete',
  title: 'delete leaves nothing owned',
  async run(session) {
    const deleted = await session.cluster.deleteAll().catch(async (error: unknown) => {
      const left = await session.owned();
      const holding = left.length > 0 ? `; the cloud still holds ${listResources(left)}` : '';
      throw new ConformanceFailure(`deleting the cluster failed: ${errorMessage(error)}${holding}`);
    });
    const left = await session.owned();
    check(left.length === 0, () => `after deleting the cluster the cloud still holds ${listResources(left)}`);
    check(!(await session.cluster.isStored()), 'the cluster is still in the state store after its deletion');
    return passed(`${deleted.done.length} resources deleted; nothing owned remains; state removed`);
  },
};
