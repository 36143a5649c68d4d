import {ok, type ApiHandler} from './api-call.js';
import {ApiError, successStatus} from './api-error.js';
import {budgetStatus, budgetsFor} from './disruption-budgets.js';
import {findPod, isPodReady} from './pods.js';

/**
 * `POST .../pods/<name>/eviction` (policy/v1 Eviction): deletes the pod unless the one budget that selects it
 * allows no disruption now (429, which drain retries). A pod that is not Running and Ready is evicted whatever
 * the budgets, as Kubernetes does for pending pods; a pod under two budgets cannot be evicted at all (500).
 */
export const evictPod: ApiHandler = (call) => {
  const {cluster} = call;
  const pod = findPod(call);
  if (isPodReady(cluster, pod)) {
    const budgets = budgetsFor(cluster, pod);
    if (budgets.length > 1) {
      throw new ApiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    }
    const [budget] = budgets;
    if (budget) {
      const status = budgetStatus(cluster, budget);
      if (status.disruptionsAllowed <= 0) {
        throw new ApiError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [{
            reason: 'DisruptionBudget',
            message: `The disruption budget ${budget.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
          }],
        });
      }
      cluster.objects.touch(budget.metadata);
    }
  }
  cluster.objects.deletePod(pod);
  return ok(successStatus(201), 201);
};
