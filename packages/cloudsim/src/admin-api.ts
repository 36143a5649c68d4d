import type {SimConfig} from './controls.js';
import {jsonResponse} from './json-response.js';
import type {KubernetesSim, KubernetesSimConfig} from './kubernetes/index.js';
import type {RequestLogEntry} from './request-log.js';
import type {SimRequest, SimResource, SimResponse} from './service.js';

/** Every admin route lives under this path prefix, beside the simulated services on the same endpoint. */
export const ADMIN_PREFIX = '/_sim/';

/** The simulator's settings: the controls, and the simulated Kubernetes API's when it runs one. */
export type AdminConfig = SimConfig & {readonly kubernetes?: KubernetesSimConfig};
export type AdminConfigChanges = Partial<SimConfig> & {readonly kubernetes?: Partial<KubernetesSimConfig>};

/** What the admin API drives; the running `CloudSim` provides it. */
export interface SimAdmin {
  config(): AdminConfig;
  configure(changes: AdminConfigChanges): AdminConfig;
  reset(): void;
  requests(): RequestLogEntry[];
  resources(): SimResource[];
  /** The simulated Kubernetes API of the AWS and GCE clusters; absent when the simulator serves neither cloud. */
  readonly kubernetes?: KubernetesSim;
}

const CONFIG_KEYS: readonly (keyof SimConfig)[] = ['latencyMs', 'throttleRate', 'faultAtCall'];
const KUBERNETES_CONFIG_KEYS: readonly (keyof KubernetesSimConfig)[] = ['nodeBootDelayMs'];
const CLUSTER_CA_ROUTE = /^GET kubernetes\/([^/]+)\/ca$/;

/**
 * The admin API other tools script against (keep it stable):
 * GET resources | GET requests | GET config | POST config (JSON body) | POST reset | GET kubernetes/<cluster>/ca.
 */
export function handleAdminRequest(req: SimRequest, admin: SimAdmin): SimResponse | Promise<SimResponse> {
  const route = `${req.method} ${req.url.pathname.slice(ADMIN_PREFIX.length)}`;
  const clusterCa = CLUSTER_CA_ROUTE.exec(route);
  if (clusterCa) return clusterAuthority(admin, decodeURIComponent(clusterCa[1] ?? ''));
  switch (route) {
    case 'GET resources':
      return jsonResponse(200, admin.resources());
    case 'GET requests':
      return jsonResponse(200, admin.requests());
    case 'GET config':
      return jsonResponse(200, admin.config());
    case 'POST config':
      return configure(req.body, admin);
    case 'POST reset':
      admin.reset();
      return {status: 204};
    default:
      return jsonResponse(404, {
        error: `no admin route ${route}; try GET ${ADMIN_PREFIX}resources, GET ${ADMIN_PREFIX}requests, ` +
          `GET|POST ${ADMIN_PREFIX}config, POST ${ADMIN_PREFIX}reset or GET ${ADMIN_PREFIX}kubernetes/<cluster>/ca`,
      });
  }
}

function configure(body: Buffer, admin: SimAdmin): SimResponse {
  try {
    return jsonResponse(200, admin.configure(parseConfigBody(body)));
  } catch (error) {
    return jsonResponse(400, {error: (error as Error).message});
  }
}

/**
 * The cluster CA PEM; its private key too when the simulator generated it (no user-data carried one), so a
 * test can issue client certificates.
 */
async function clusterAuthority(admin: SimAdmin, cluster: string): Promise<SimResponse> {
  if (!admin.kubernetes) return jsonResponse(404, {error: 'this simulator serves neither AWS nor GCE services, so no Kubernetes clusters'});
  const authority = await admin.kubernetes.certificateAuthority(cluster);
  return jsonResponse(200, {
    cluster,
    source: authority.source,
    certificate: authority.certPem,
    ...(authority.source === 'generated' ? {privateKey: authority.keyPem} : {}),
  });
}

function parseConfigBody(body: Buffer): AdminConfigChanges {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new TypeError('the config body must be JSON, e.g. {"throttleRate":0.2}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('the config body must be a JSON object, e.g. {"latencyMs":50}');
  }
  const {kubernetes, ...controls} = value as Record<string, unknown>;
  const nested = KUBERNETES_CONFIG_KEYS.map((key) => `kubernetes.${key}`);
  return {
    ...numberSettings(controls, CONFIG_KEYS, {prefix: '', known: [...CONFIG_KEYS, ...nested]}),
    ...(kubernetes === undefined ? {} : {kubernetes: numberSettings(kubernetes, KUBERNETES_CONFIG_KEYS, {prefix: 'kubernetes.', known: nested})}),
  };
}

/** The numeric settings of one level of the body (`prefix` names the level in messages). */
function numberSettings(
  value: unknown,
  keys: readonly string[],
  context: {readonly prefix: string; readonly known: readonly string[]},
): Record<string, number> {
  const {prefix, known} = context;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`"${prefix.replace(/\.$/, '')}" must be a JSON object`);
  const changes: Record<string, number> = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!keys.includes(key)) throw new TypeError(`unknown setting "${prefix}${key}"; known settings: ${known.join(', ')}`);
    if (typeof setting !== 'number') throw new TypeError(`setting "${prefix}${key}" must be a number`);
    changes[key] = setting;
  }
  return changes;
}
