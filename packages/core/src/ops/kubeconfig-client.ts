/**
 * The few Kubernetes API calls validation and rolling updates make, through @kubernetes/client-node, with
 * answers reduced to what they read and failures turned into errors a user can act on.
 */
import {ApiException, CoreV1Api, KubeConfig, Observable, PatchStrategy} from '@kubernetes/client-node';
import type {
  ConfigurationOptions,
  ObservableMiddleware,
  RequestContext,
  ResponseContext,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import {KopsxError} from '../errors.js';
import {INSTANCE_GROUP_LABEL} from '../model/index.js';
import type {ClusterKubeconfig} from './kubeconfig.js';

const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
/** Set by the kubelet on the API's copy of a static pod; such pods cannot be evicted. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface KubeNode {
  readonly name: string;
  readonly ready: boolean;
  readonly controlPlane: boolean;
  /** Cordoned. */
  readonly unschedulable: boolean;
  /** The `kops.k8s.io/instancegroup` label. */
  readonly instanceGroup?: string;
  /** `spec.providerID`, whose last segment names the cloud instance on every cloud. */
  readonly providerId?: string;
}

export interface KubePod {
  readonly namespace: string;
  readonly name: string;
  readonly nodeName?: string;
  /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
  readonly phase: string;
  readonly ready: boolean;
  /** Run by a DaemonSet, which would put it back at once: drain leaves it. */
  readonly daemonSet: boolean;
  /** A static pod's mirror: drain leaves it (the kubelet runs it, not the API). */
  readonly mirror: boolean;
}

/** `blocked`: the API refused for now (429: a PodDisruptionBudget allows no disruption); try again later. */
export type EvictionResult = {readonly outcome: 'evicted' | 'gone'} | {readonly outcome: 'blocked'; readonly reason: string};

/** The API answered, with an error. */
export class KubernetesApiError extends KopsxError {
  constructor(
    readonly server: string,
    readonly status: number,
    action: string,
    detail: string,
  ) {
    const refused = status === 401 || status === 403;
    super(
      `the Kubernetes API at ${server} answered HTTP ${status} to ${action}${detail ? `: ${detail}` : ''}`,
      'KubernetesApiError',
      refused ? 'the credentials were refused; export fresh ones with "kopsx export kubecfg --admin"' : undefined,
    );
  }
}

/** No answer at all: the API is down, not there yet, or unreachable from here. */
export class KubernetesUnreachableError extends KopsxError {
  constructor(
    readonly server: string,
    detail: string,
  ) {
    super(
      `cannot reach the Kubernetes API at ${server}: ${detail}`,
      'KubernetesUnreachable',
      'the control plane may still be booting; check it with "kopsx validate cluster --wait 10m"',
    );
  }
}

export class KubernetesClient {
  readonly server: string;
  readonly #core: CoreV1Api;

  constructor(config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (!cluster) {
      throw new KopsxError(
        'the kubeconfig has no current context naming a cluster',
        'KubeconfigUnusable',
        'pick one with "kubectl config use-context", or write one with "kopsx export kubecfg --admin"',
      );
    }
    this.server = cluster.server;
    this.#core = config.makeApiClient(CoreV1Api);
  }

  /** A client authenticating with the entries' admin certificate, without touching any file. */
  static fromClusterKubeconfig(entries: ClusterKubeconfig): KubernetesClient {
    const {credentials} = entries;
    if (!credentials) throw new Error(`kubeconfig entries for ${entries.name} carry no credentials`);
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{name: entries.name, server: entries.server, caData: base64(entries.caPem), skipTLSVerify: false}],
      users: [{name: entries.user, certData: base64(credentials.certPem), keyData: base64(credentials.keyPem.reveal())}],
      contexts: [{name: entries.name, cluster: entries.name, user: entries.user}],
      currentContext: entries.name,
    });
    return new KubernetesClient(config);
  }

  async listNodes(signal?: AbortSignal): Promise<KubeNode[]> {
    const list = await this.#call('list nodes', signal, (options) => this.#core.listNode({}, options));
    return list.items.map(toKubeNode);
  }

  /** Pods of one namespace, or of all; only those on `nodeName` when given. */
  async listPods(filter: {readonly namespace?: string; readonly nodeName?: string}, signal?: AbortSignal): Promise<KubePod[]> {
    const fieldSelector = filter.nodeName === undefined ? undefined : `spec.nodeName=${filter.nodeName}`;
    const list = await this.#call('list pods', signal, (options) =>
      filter.namespace === undefined
        ? this.#core.listPodForAllNamespaces({fieldSelector}, options)
        : this.#core.listNamespacedPod({namespace: filter.namespace, fieldSelector}, options),
    );
    return list.items.map(toKubePod);
  }

  /** Cordons (or uncordons) a node. */
  async setUnschedulable(nodeName: string, unschedulable: boolean, signal?: AbortSignal): Promise<void> {
    await this.#call(
      `${unschedulable ? 'cordon' : 'uncordon'} node ${nodeName}`,
      signal,
      (options) => this.#core.patchNode({name: nodeName, body: {spec: {unschedulable}}}, options),
      {'Content-Type': PatchStrategy.MergePatch},
    );
  }

  /** Asks the API to evict a pod: it honours PodDisruptionBudgets, which deleting the pod would not. */
  async evict(pod: {readonly namespace: string; readonly name: string}, signal?: AbortSignal): Promise<EvictionResult> {
    const body = {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name: pod.name, namespace: pod.namespace}};
    try {
      await this.#call(`evict pod ${pod.namespace}/${pod.name}`, signal, (options) =>
        this.#core.createNamespacedPodEviction({name: pod.name, namespace: pod.namespace, body}, options),
      );
      return {outcome: 'evicted'};
    } catch (error) {
      if (error instanceof KubernetesApiError && error.status === 404) return {outcome: 'gone'};
      if (error instanceof KubernetesApiError && error.status === 429) return {outcome: 'blocked', reason: error.message};
      throw error;
    }
  }

  /** Runs one request, cancelled by `signal`, turning failures into KubernetesApiError / KubernetesUnreachableError. */
  async #call<T>(
    action: string,
    signal: AbortSignal | undefined,
    request: (options: ConfigurationOptions) => Promise<T>,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await request(requestOptions(signal, headers));
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof ApiException) throw new KubernetesApiError(this.server, error.code, action, statusMessage(error.body));
      throw new KubernetesUnreachableError(this.server, error instanceof Error ? error.message : String(error));
    }
  }
}

function toKubeNode(node: V1Node): KubeNode {
  const labels = node.metadata?.labels ?? {};
  const instanceGroup = labels[INSTANCE_GROUP_LABEL];
  const providerId = node.spec?.providerID;
  return {
    name: node.metadata?.name ?? '',
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    controlPlane: CONTROL_PLANE_LABEL in labels,
    unschedulable: node.spec?.unschedulable === true,
    ...(instanceGroup === undefined ? {} : {instanceGroup}),
    ...(providerId ? {providerId} : {}),
  };
}

function toKubePod(pod: V1Pod): KubePod {
  const nodeName = pod.spec?.nodeName;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    ...(nodeName ? {nodeName} : {}),
    phase: pod.status?.phase ?? 'Unknown',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    daemonSet: pod.metadata?.ownerReferences?.some((owner) => owner.kind === 'DaemonSet' && owner.controller === true) ?? false,
    mirror: MIRROR_POD_ANNOTATION in (pod.metadata?.annotations ?? {}),
  };
}

/** The `message` of a Kubernetes Status body, which client-node hands over as text or parsed. */
function statusMessage(body: unknown): string {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.slice(0, 200);
    }
  }
  const message = typeof parsed === 'object' && parsed !== null ? (parsed as {message?: unknown}).message : undefined;
  return typeof message === 'string' ? message : '';
}

/** Per-request settings, passed as client-node middleware. */
function requestOptions(signal: AbortSignal | undefined, headers: Readonly<Record<string, string>>): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => {
      if (signal) context.setSignal(signal);
      for (const [key, value] of Object.entries(headers)) context.setHeaderParam(key, value);
      return new Observable(Promise.resolve(context));
    },
    post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
  };
  return {middleware: [middleware], middlewareMergeStrategy: 'append'};
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
