import {isDeepStrictEqual} from 'node:util';
import {check, passed} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {describeChanges} from '../describe-changes.js';
import {listResources} from '../resource-counts.js';

/**
 * Against a cloud holding nothing of the cluster (but the seeded foreign resources), a preview plans one
 * create per owned resource of the model and nothing else, and changes neither the cloud nor the store.
 */
export const previewFromEmpty: ConformanceCheck = {
  id: 'preview',
  title: 'preview from empty creates only',
  needs: ['model'],
  async run(session) {
    await session.seedOnce();
    const before = await session.owned();
    check(before.length === 0, () => `the cloud already holds resources of ${session.clusterName}: ${listResources(before)}; remove them first`);
    const store = await session.cluster.store();
    const keysBefore = await store.list('');
    const {plan, model} = await session.cluster.preview();
    const others = plan.changes.filter((c) => c.action !== 'create');
    check(others.length === 0, () => `a preview against an empty cloud plans more than creates: ${describeChanges(others)}`);
    const owned = model.resources.filter((r) => (r.lifecycle ?? 'owned') === 'owned').length;
    check(plan.changes.length === owned, `the preview plans ${plan.changes.length} creates for the ${owned} owned resources of the model`);
    check(isDeepStrictEqual(await store.list(''), keysBefore), 'the preview wrote to the state store');
    const after = await session.owned();
    check(after.length === 0, () => `the preview created ${listResources(after)}`);
    session.createCount = plan.changes.length;
    const around = session.seeded.length > 0 ? `, among ${session.seeded.length} foreign resources` : '';
    return passed(`${plan.changes.length} creates and nothing else${around}; nothing written`);
  },
};
