import {check, passed, skipped} from '../check-result.js';
import type {ConformanceCheck} from '../check-result.js';
import {describeChanges} from '../describe-changes.js';
import {changeAndConverge, nodeGroup} from './change-and-converge.js';

/**
 * Growing a node group by one instance plans exactly what the models' difference calls for, without
 * replacing anything, and converges; the cloud's instance group (when the provider reports them) takes the
 * new size.
 */
export const scale: ConformanceCheck = {
  id: 'scale',
  title: 'scale an instance group',
  needs: ['idempotence'],
  async run(session) {
    const group = nodeGroup(session.cluster.bundle);
    if (!group) return skipped('the reference cluster has no node group');
    const name = group.metadata.name;
    const size = group.spec.maxSize + 1;
    const plan = await changeAndConverge(session, {
      group: name,
      what: `growing ${name} to ${size} instances`,
      exact: true,
      change: (ig) => ({...ig, spec: {...ig.spec, minSize: size, maxSize: size}}),
      inspect: (planned) => {
        const replaced = planned.changes.filter((c) => c.action === 'replace');
        check(replaced.length === 0, () => `growing ${name} replaces ${describeChanges(replaced)}`);
      },
    });
    const reported = await session.cluster.withConnection(async (connection) => connection.instanceGroups?.list());
    let sizes = '';
    if (reported) {
      const cloudGroup = reported.find((g) => g.name === name);
      check(cloudGroup !== undefined, `instanceGroups.list() does not report ${name}`);
      check(
        cloudGroup.desiredSize === size && cloudGroup.minSize === size && cloudGroup.maxSize === size,
        `instanceGroups.list() reports ${name} at min ${cloudGroup.minSize}, desired ${cloudGroup.desiredSize}, max ${cloudGroup.maxSize}; the spec says ${size}`,
      );
      sizes = `; the cloud's group asks for ${size}`;
    }
    return passed(`${name} ${group.spec.maxSize} → ${size}: ${describeChanges(plan.changes)}; converged${sizes}`);
  },
};
