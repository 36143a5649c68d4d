import {isDeepStrictEqual} from 'node:util';
import {check, passed, skipped} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {listResources, sameResource} from '../resource-counts.js';

/**
 * The resources seeded before the first preview (another cluster's, untagged, tagged for this cluster by
 * someone else) are still there, unchanged, after the cluster was built, changed and deleted.
 */
export const foreignResources: ConformanceCheck = {
  id: 'foreign',
  title: 'seeded foreign resources untouched',
  async run(session) {
    const {findResources, seedForeignResources} = session.hooks;
    if (!seedForeignResources) return skipped('no seedForeignResources hook');
    if (!session.seedingRan) return skipped('nothing was seeded: neither the preview nor the apply check ran');
    check(session.seeded.length > 0, 'seedForeignResources created nothing');
    check(findResources !== undefined, 'seedForeignResources needs a findResources hook to look at the seeded resources again');
    const now = await findResources.call(session.hooks, session.seeded);
    const gone = session.seeded.filter((seed) => !now.some((r) => sameResource(seed, r)));
    check(gone.length === 0, () => `foreign resources were deleted: ${listResources(gone)}`);
    const changed = session.seeded.filter((seed) => !isDeepStrictEqual(now.find((r) => sameResource(seed, r)), seed));
    check(
      changed.length === 0,
      () => `foreign resources were changed: ${changed.map((seed) => `${JSON.stringify(seed)} is now ${JSON.stringify(now.find((r) => sameResource(seed, r)))}`).join('; ')}`,
    );
    return passed(`${session.seeded.length} untouched: ${listResources(session.seeded)}`);
  },
};
