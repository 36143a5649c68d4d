import type {SimConfig} from './controls.js';
import {jsonResponse} from './json-response.js';
import type {RequestLogEntry} from './request-log.js';
import type {SimRequest, SimResource, SimResponse} from './service.js';

/** Every admin route lives under this path prefix, beside the simulated services on the same endpoint. */
export const ADMIN_PREFIX = '/_sim/';

/** What the admin API drives; the running `CloudSim` provides it. */
export interface SimAdmin {
  config(): SimConfig;
  configure(changes: Partial<SimConfig>): SimConfig;
  reset(): void;
  requests(): RequestLogEntry[];
  resources(): SimResource[];
}

const CONFIG_KEYS: readonly (keyof SimConfig)[] = ['latencyMs', 'throttleRate', 'faultAtCall'];

/**
 * The admin API other tools script against (keep it stable):
 * GET resources | GET requests | GET config | POST config (JSON body) | POST reset.
 */
export function handleAdminRequest(req: SimRequest, admin: SimAdmin): SimResponse {
  const route = `${req.method} ${req.url.pathname.slice(ADMIN_PREFIX.length)}`;
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
          `GET|POST ${ADMIN_PREFIX}config or POST ${ADMIN_PREFIX}reset`,
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

function parseConfigBody(body: Buffer): Partial<SimConfig> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new TypeError('the config body must be JSON, e.g. {"throttleRate":0.2}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('the config body must be a JSON object, e.g. {"latencyMs":50}');
  }
  const changes: Record<string, number> = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`unknown setting "${key}"; known settings: ${CONFIG_KEYS.join(', ')}`);
    }
    if (typeof setting !== 'number') throw new TypeError(`setting "${key}" must be a number`);
    changes[key] = setting;
  }
  return changes;
}
