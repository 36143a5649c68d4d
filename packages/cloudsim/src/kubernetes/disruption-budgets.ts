import {list, ok, type ApiCall, type ApiHandler} from './api-call.js';
import {ApiError} from './api-error.js';
import type {SimBudget, SimPod} from './cluster-objects.js';
import {isRecord, objectKey, stringMap} from './object-meta.js';
import {isPodReady} from './pods.js';
import {checkLabelSelectorObject, labelSelectorObject} from './selectors.js';
import type {SimCluster} from './sim-cluster.js';

const GROUP = 'policy';

/** What the disruption controller works out for a budget. */
export interface BudgetStatus {
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly disruptionsAllowed: number;
  readonly expectedPods: number;
}

/** The budgets whose selector matches the pod (same namespace). */
export function budgetsFor(cluster: SimCluster, pod: SimPod): SimBudget[] {
  return [...cluster.objects.budgets.values()].filter((budget) =>
    budget.metadata.namespace === pod.metadata.namespace && labelSelectorObject(budget.spec.selector)(pod.metadata.labels));
}

/**
 * The status of a budget over the pods it selects. Expected pods are the selected pods (the simulator keeps no
 * controllers' scale); percentages round up, as Kubernetes rounds them.
 */
export function budgetStatus(cluster: SimCluster, budget: SimBudget): BudgetStatus {
  const selects = labelSelectorObject(budget.spec.selector);
  const pods = [...cluster.objects.pods.values()]
    .filter((pod) => pod.metadata.namespace === budget.metadata.namespace && selects(pod.metadata.labels));
  const expectedPods = pods.length;
  const currentHealthy = pods.filter((pod) => isPodReady(cluster, pod)).length;
  const {minAvailable, maxUnavailable} = budget.spec;
  const desiredHealthy = minAvailable !== undefined
    ? scaled(minAvailable, expectedPods)
    : Math.max(0, expectedPods - scaled(maxUnavailable ?? 0, expectedPods));
  return {currentHealthy, desiredHealthy, disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy), expectedPods};
}

function budgetJson(cluster: SimCluster, budget: SimBudget): Record<string, unknown> {
  const status = budgetStatus(cluster, budget);
  const allowed = status.disruptionsAllowed > 0;
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: structuredClone(budget.metadata),
    spec: structuredClone(budget.spec),
    status: {
      observedGeneration: 1,
      ...status,
      conditions: [{
        type: 'DisruptionAllowed',
        status: allowed ? 'True' : 'False',
        reason: allowed ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: 1,
        lastTransitionTime: budget.metadata.creationTimestamp,
      }],
    },
  };
}

export const listBudgets: ApiHandler = (call) => {
  const namespace = call.params.namespace;
  const budgets = [...call.cluster.objects.budgets.values()]
    .filter((budget) => namespace === undefined || budget.metadata.namespace === namespace)
    .sort((a, b) => key(a).localeCompare(key(b)));
  return list(call, 'PodDisruptionBudget', 'policy/v1', budgets.map((budget) => budgetJson(call.cluster, budget)));
};

export const getBudget: ApiHandler = (call) => ok(budgetJson(call.cluster, findBudget(call)));

export const createBudget: ApiHandler = (call) => {
  const {cluster, body} = call;
  const namespace = call.params.namespace ?? 'default';
  if (!isRecord(body) || !isRecord(body.metadata) || !isRecord(body.spec)) {
    throw new ApiError('BadRequest', 'the body must be a PodDisruptionBudget with metadata and spec');
  }
  const {metadata, spec} = body;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!name) throw ApiError.invalid('PodDisruptionBudget', '', 'metadata.name: Required value');
  const problem = specProblem(spec);
  if (problem) throw ApiError.invalid('PodDisruptionBudget', name, problem);
  if (cluster.objects.budgets.has(objectKey(namespace, name))) throw ApiError.alreadyExists('poddisruptionbudgets', name, GROUP);
  const labels = stringMap(metadata.labels ?? {}) ?? {};
  const budget: SimBudget = {metadata: cluster.objects.newMeta({name, namespace, labels}), spec: structuredClone(spec)};
  cluster.objects.budgets.set(objectKey(namespace, name), budget);
  return ok(budgetJson(cluster, budget), 201);
};

export const deleteBudget: ApiHandler = (call) => {
  const budget = findBudget(call);
  const json = budgetJson(call.cluster, budget);
  call.cluster.objects.budgets.delete(key(budget));
  call.cluster.objects.nextVersion();
  return ok(json);
};

function findBudget(call: ApiCall): SimBudget {
  const name = call.params.name ?? '';
  const budget = call.cluster.objects.budgets.get(objectKey(call.params.namespace ?? 'default', name));
  if (!budget) throw ApiError.notFound('poddisruptionbudgets', name, GROUP);
  return budget;
}

function specProblem(spec: Record<string, unknown>): string | undefined {
  const {minAvailable, maxUnavailable} = spec;
  if (minAvailable !== undefined && maxUnavailable !== undefined) return 'spec: minAvailable and maxUnavailable cannot be both set';
  for (const [field, value] of Object.entries({minAvailable, maxUnavailable})) {
    if (value !== undefined && !isIntOrPercent(value)) return `spec.${field}: must be a non-negative integer or a percentage like "50%"`;
  }
  return checkLabelSelectorObject(spec.selector);
}

function isIntOrPercent(value: unknown): boolean {
  return (Number.isInteger(value) && Number(value) >= 0) || (typeof value === 'string' && /^\d+%$/.test(value));
}

/** An int-or-percent against a total, percentages rounded up. */
function scaled(value: unknown, total: number): number {
  if (typeof value === 'string' && value.endsWith('%')) return Math.ceil((Number(value.slice(0, -1)) * total) / 100);
  return Number(value);
}

function key(budget: SimBudget): string {
  return objectKey(budget.metadata.namespace ?? '', budget.metadata.name);
}
