import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {ADMIN_PREFIX, handleAdminRequest, type AdminConfigChanges, type SimAdmin} from './admin-api.js';
import {AwsState} from './aws/aws-state.js';
import {checkSimConfig, SimControls, type SimConfig} from './controls.js';
import {defaultServices} from './default-services.js';
import {jsonResponse} from './json-response.js';
import {GceState} from './gce/gce-state.js';
import {AwsMachines} from './kubernetes/aws-machines.js';
import {GceMachines} from './kubernetes/gce-machines.js';
import {KubernetesSim, type KubernetesSimConfig} from './kubernetes/kubernetes-sim.js';
import type {MachineCloud} from './kubernetes/machine-cloud.js';
import {readBody} from './read-body.js';
import {RequestLog} from './request-log.js';
import type {SimRequest, SimResponse, SimService} from './service.js';
import {simEnv} from './sim-env.js';

export interface CloudSimOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Seed of the PRNG that picks throttled calls (default 1): the same seed throttles the same calls. */
  readonly seed?: number;
  /** Controls to start with (default: no latency, no throttling, no fault). */
  readonly config?: Partial<SimConfig>;
  /** Services to serve, in matching order (default: `defaultServices()`). */
  readonly services?: readonly SimService[];
  /** Settings of the simulated Kubernetes API, which runs whenever AWS or GCE services are served. */
  readonly kubernetes?: Partial<KubernetesSimConfig>;
}

/** A running simulator: one HTTP endpoint serving every simulated service plus the `/_sim/` admin API. */
export interface CloudSim extends SimAdmin {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly port: number;
  /** Environment variables that point the SDKs and kopsx at this simulator. */
  readonly env: Readonly<Record<string, string>>;
  /** A served service by name (`s3`, `gcs`, ...), e.g. to seed state in a test. */
  service<T extends SimService = SimService>(name: string): T;
  /** Stops listening and drops open (keep-alive) connections. */
  close(): Promise<void>;
}

export async function startCloudSim(options: CloudSimOptions = {}): Promise<CloudSim> {
  const services = options.services ?? defaultServices();
  const controls = new SimControls(options.seed ?? 1);
  if (options.config) controls.configure(options.config);
  const log = new RequestLog();
  const clouds = machineClouds(services);
  const kubernetes = clouds.length > 0 ? new KubernetesSim(clouds, options.kubernetes) : undefined;

  const admin: SimAdmin = {
    config: () => ({...controls.config, ...(kubernetes ? {kubernetes: kubernetes.config()} : {})}),
    configure: (changes) => {
      configureAll(controls, kubernetes, changes);
      return admin.config();
    },
    reset: () => {
      for (const service of services) service.reset();
      kubernetes?.reset();
      controls.reset();
      log.clear();
    },
    requests: () => log.entries(),
    resources: () => [...services.flatMap((service) => service.resources()), ...(kubernetes?.resources() ?? [])],
    ...(kubernetes ? {kubernetes} : {}),
  };

  /** Routes one request: admin API, else the first matching service, subject to the controls. */
  async function answer(req: SimRequest): Promise<SimResponse> {
    if (req.url.pathname.startsWith(ADMIN_PREFIX)) return handleAdminRequest(req, admin);
    const service = services.find((candidate) => candidate.matches(req));
    if (!service) {
      return jsonResponse(404, {error: `no simulated service answers ${req.method} ${req.url.pathname}`});
    }
    const action = service.describe(req);
    // Judged on arrival so throttling and faults follow the order in which calls came in.
    const verdict = controls.judge(action);
    await controls.delay();
    let response: SimResponse;
    if (verdict === 'throttle') response = service.throttled(action);
    else if (verdict === 'fault') response = service.fault(action);
    else response = await handleSafely(service, req);
    log.record({service: service.name, action: action.action, status: response.status});
    return response;
  }

  let endpoint = '';
  const server = createServer((req, res) => {
    void serve(req, res, endpoint, answer);
  });
  const port = await listen(server, options.port ?? 0);
  endpoint = `http://127.0.0.1:${port}`;

  return {
    ...admin,
    endpoint,
    port,
    env: simEnv(endpoint),
    service<T extends SimService = SimService>(name: string): T {
      const found = services.find((service) => service.name === name);
      if (!found) {
        throw new Error(`no simulated service "${name}"; served: ${services.map((s) => s.name).join(', ')}`);
      }
      return found as T;
    },
    close: async () => {
      kubernetes?.close();
      await Promise.all(services.map((service) => service.close?.()));
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** The clouds the services share (the AWS account, the Google Cloud), which the simulated Kubernetes API reads machines from. */
function machineClouds(services: readonly SimService[]): MachineCloud[] {
  const states = new Set(services.flatMap((service) => ('state' in service ? [service.state] : [])));
  return [...states].flatMap((state): MachineCloud[] => {
    if (state instanceof AwsState) return [new AwsMachines(state)];
    if (state instanceof GceState) return [new GceMachines(state)];
    return [];
  });
}

/** Checks every change before applying any, so a bad setting changes nothing. */
function configureAll(controls: SimControls, kubernetes: KubernetesSim | undefined, changes: AdminConfigChanges): void {
  const {kubernetes: kubernetesChanges, ...controlChanges} = changes;
  checkSimConfig(controlChanges);
  if (kubernetesChanges) {
    if (!kubernetes) throw new TypeError('there is no simulated Kubernetes API: this simulator serves neither AWS nor GCE services');
    kubernetes.configure(kubernetesChanges);
  }
  controls.configure(controlChanges);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: string,
  answer: (req: SimRequest) => Promise<SimResponse>,
): Promise<void> {
  let response: SimResponse;
  try {
    const body = await readBody(req);
    response = await answer({method: req.method ?? 'GET', url: new URL(req.url ?? '/', endpoint), headers: req.headers, body});
  } catch (error) {
    response = jsonResponse(500, {error: `simulator failure: ${(error as Error).message}`});
  }
  const body = response.body ?? '';
  const headers = {...response.headers};
  // 204 and 304 carry no body and so no length; HEAD answers keep the length of what a GET would send.
  const bodyless = response.status === 204 || response.status === 304;
  if (!bodyless && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  res.writeHead(response.status, headers);
  res.end(bodyless ? undefined : body);
}

/** A bug in a service becomes a 500 for that call (and shows in the request log), not a dead simulator. */
async function handleSafely(service: SimService, req: SimRequest): Promise<SimResponse> {
  try {
    return await service.handle(req);
  } catch (error) {
    return jsonResponse(500, {error: `simulated ${service.name} failed: ${(error as Error).message}`});
  }
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use`) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
