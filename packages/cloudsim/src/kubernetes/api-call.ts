import type {SimCluster} from './sim-cluster.js';

/** One request to a cluster's API, as a route handler sees it. */
export interface ApiCall {
  readonly cluster: SimCluster;
  /** The `:name` parts of the route's path. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The JSON body, parsed; undefined when there was none. */
  readonly body: unknown;
  readonly contentType: string | undefined;
}

/** What a handler answers: a JSON value, or text for the health endpoints. */
export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
}

export type ApiHandler = (call: ApiCall) => ApiReply;

export function ok(body: unknown, status = 200): ApiReply {
  return {status, body};
}

/** A `<Kind>List` of rendered items, at the cluster's current resourceVersion. */
export function list(call: ApiCall, kind: string, apiVersion: string, items: readonly unknown[]): ApiReply {
  return ok({kind: `${kind}List`, apiVersion, metadata: {resourceVersion: call.cluster.objects.version}, items});
}
