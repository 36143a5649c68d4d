import type {ApiCall, ApiHandler, ApiReply} from './api-call.js';
import {ApiError} from './api-error.js';
import {getDaemonSet, listDaemonSets} from './daemon-sets.js';
import {appsResources, coreResources, coreVersions, groups, health, policyResources, version} from './discovery.js';
import {createBudget, deleteBudget, getBudget, listBudgets} from './disruption-budgets.js';
import {evictPod} from './evictions.js';
import {getNode, listNodes, patchNode} from './nodes.js';
import {createPod, deletePod, getPod, listPods} from './pods.js';

interface Route {
  /** Path segments; `:name` matches any one segment and names it. */
  readonly pattern: readonly string[];
  readonly methods: Readonly<Partial<Record<string, ApiHandler>>>;
}

const route = (path: string, methods: Route['methods']): Route => ({pattern: path.split('/'), methods});

/** Every path the simulated API serves. */
const ROUTES: readonly Route[] = [
  route('api', {GET: coreVersions}),
  route('apis', {GET: groups}),
  route('version', {GET: version}),
  route('healthz', {GET: health}),
  route('livez', {GET: health}),
  route('readyz', {GET: health}),
  route('api/v1', {GET: coreResources}),
  route('apis/policy/v1', {GET: policyResources}),
  route('apis/apps/v1', {GET: appsResources}),
  route('api/v1/nodes', {GET: listNodes}),
  route('api/v1/nodes/:name', {GET: getNode, PATCH: patchNode}),
  route('api/v1/pods', {GET: listPods}),
  route('api/v1/namespaces/:namespace/pods', {GET: listPods, POST: createPod}),
  route('api/v1/namespaces/:namespace/pods/:name', {GET: getPod, DELETE: deletePod}),
  route('api/v1/namespaces/:namespace/pods/:name/eviction', {POST: evictPod}),
  route('apis/apps/v1/daemonsets', {GET: listDaemonSets}),
  route('apis/apps/v1/namespaces/:namespace/daemonsets', {GET: listDaemonSets}),
  route('apis/apps/v1/namespaces/:namespace/daemonsets/:name', {GET: getDaemonSet}),
  route('apis/policy/v1/poddisruptionbudgets', {GET: listBudgets}),
  route('apis/policy/v1/namespaces/:namespace/poddisruptionbudgets', {GET: listBudgets, POST: createBudget}),
  route('apis/policy/v1/namespaces/:namespace/poddisruptionbudgets/:name', {GET: getBudget, DELETE: deleteBudget}),
];

/** Paths anyone may read on a kubeadm cluster (the `system:public-info-viewer` role). */
export const PUBLIC_PATHS: readonly string[] = ['/healthz', '/livez', '/readyz', '/version'];

export function dispatch(method: string, pathname: string, call: Omit<ApiCall, 'params'>): ApiReply {
  if (call.query.get('watch') === 'true' || call.query.get('watch') === '1') {
    throw new ApiError('BadRequest', 'the simulated Kubernetes API does not support watch; list instead');
  }
  const segments = pathname.split('/').filter(Boolean);
  for (const {pattern, methods} of ROUTES) {
    const params = match(pattern, segments);
    if (!params) continue;
    const handler = methods[method];
    if (!handler) throw new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
    return handler({...call, params});
  }
  throw new ApiError('NotFound', 'the server could not find the requested resource');
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = decodeURIComponent(segments[index] ?? '');
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
