/** The shared shape of the scale and machine-type checks: change the spec, check the plan, apply, converge. */
import type {ClusterBundle, InstanceGroup, Plan} from '@kopsx/core';
import {check} from '../check-result.js';
import {describeChanges} from '../describe-changes.js';
import {modelChanges, planMismatches} from '../model-diff.js';
import type {ConformanceSession} from '../session.js';

export interface SpecChange {
  /** The instance group to change. */
  readonly group: string;
  /** In words, for messages: `growing nodes-a by one instance`. */
  readonly what: string;
  readonly change: (ig: InstanceGroup) => InstanceGroup;
  /** The plan must hold exactly what the models' difference calls for, nothing more. */
  readonly exact: boolean;
  /** Further checks of the plan before it is applied. */
  readonly inspect?: (plan: Plan) => void;
}

/**
 * Applies `spec.change` to the stored instance group, checks that the plan does what the difference between
 * the provider's models before and after calls for, applies it, and checks that a preview then finds nothing
 * left to do. Returns the applied plan.
 */
export async function changeAndConverge(session: ConformanceSession, spec: SpecChange): Promise<Plan> {
  const {model: before} = await session.cluster.preview();
  await session.cluster.changeInstanceGroup(spec.group, spec.change);
  const plan = await session.cluster.withPlan({persistSecrets: true}, async (update) => {
    const expected = modelChanges(before.resources, update.model.resources);
    check(expected.length > 0, `buildModel returns the same model after ${spec.what}`);
    const problems = planMismatches(expected, update.plan, {exact: spec.exact});
    check(problems.length === 0, () => `after ${spec.what}: ${problems.join('; ')}`);
    spec.inspect?.(update.plan);
    await session.cluster.apply(update);
    return update.plan;
  });
  const {plan: after} = await session.cluster.preview();
  check(after.changes.length === 0, () => `after applying ${spec.what}, a preview still plans ${describeChanges(after.changes)}`);
  return plan;
}

/** The first node group of the reference cluster: the one the checks scale and change. */
export function nodeGroup(bundle: ClusterBundle): InstanceGroup | undefined {
  return bundle.instanceGroups.find((ig) => ig.spec.role === 'Node');
}
