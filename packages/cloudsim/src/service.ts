/**
 * The contract between the simulator's HTTP server and one simulated cloud service (S3, GCS, EC2, ...).
 * The server owns the socket, the request log, latency, throttling and fault injection; a service owns
 * its wire protocol and its in-memory state.
 */
import type {IncomingHttpHeaders} from 'node:http';

export interface SimRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** What the request log and the fault/throttle controls need to know about one request. */
export interface SimAction {
  /** The API operation, as the cloud names it: `PutObject`, `RunInstances`, `compute.instances.insert`. */
  readonly action: string;
  /** True when the call changes state; faults are counted over mutating calls only. */
  readonly mutating: boolean;
}

/** One simulated resource, as `GET /_sim/resources` lists it. */
export interface SimResource {
  readonly cloud: string;
  readonly kind: string;
  readonly id: string;
  readonly name?: string;
  readonly tags: Record<string, string>;
}

export interface SimService {
  /** Short service name used in the request log: `s3`, `gcs`, `ec2`, `autoscaling`, ... */
  readonly name: string;
  /** The cloud it belongs to: `aws`, `gce`, ... */
  readonly cloud: string;
  /** Whether this service answers the request (by path, headers, signing scope, ...). */
  matches(req: SimRequest): boolean;
  describe(req: SimRequest): SimAction;
  handle(req: SimRequest): Promise<SimResponse> | SimResponse;
  /** The cloud's own throttling error for this action (e.g. S3 503 SlowDown, GCS 429 rateLimitExceeded). */
  throttled(action: SimAction): SimResponse;
  /** The error returned for an injected fault (a 500 in the cloud's error shape). */
  fault(action: SimAction): SimResponse;
  resources(): SimResource[];
  reset(): void;
  /** Releases what the service holds besides memory (listening sockets); called once when the simulator closes. */
  close?(): Promise<void> | void;
}
