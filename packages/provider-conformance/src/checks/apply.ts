import {check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {seconds} from '../seconds.js';

/** `update cluster --yes` builds the reference cluster, and the cloud then holds resources labelled for it. */
export const apply: ConformanceCheck = {
  id: 'apply',
  title: 'apply',
  needs: ['model'],
  async run(session) {
    await session.seedOnce();
    const result = await session.cluster.converge();
    const owned = await session.owned();
    check(owned.length > 0, 'after the apply, ownedResources finds nothing of the cluster: are resources labelled with it?');
    session.cleanApply = owned;
    return passed(`${result.done.length} changes in ${seconds(result.elapsedMs)}; the cloud holds ${owned.length} resources of the cluster`);
  },
};
