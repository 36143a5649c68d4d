import {isJson, str, type Json} from '../json.js';
import {invalidField, requiredField} from '../wire/google-error.js';
import type {ResourceFamily} from './family.js';

const TYPES: Readonly<Record<string, {readonly field: string; readonly port: number}>> = {
  TCP: {field: 'tcpHealthCheck', port: 80},
  SSL: {field: 'sslHealthCheck', port: 443},
  HTTP: {field: 'httpHealthCheck', port: 80},
  HTTPS: {field: 'httpsHealthCheck', port: 443},
  HTTP2: {field: 'http2HealthCheck', port: 443},
  GRPC: {field: 'grpcHealthCheck', port: 443},
};

/** Health checks (global and regional), as backend services use them. */
export const healthChecks: ResourceFamily = {
  collection: 'healthChecks',
  kind: 'compute#healthCheck',
  typeName: 'health_check',
  scopes: ['global', 'region'],
  inUseBy: ['backendServices'],

  create(input, ctx) {
    return {...ctx.base, ...healthCheckFields(input)};
  },

  patch(check, input) {
    const merged = {...check.body, ...input};
    Object.assign(check.body, healthCheckFields(merged));
  },

  update(check, input) {
    for (const {field} of Object.values(TYPES)) delete check.body[field];
    Object.assign(check.body, healthCheckFields(input));
  },
};

function healthCheckFields(input: Json): Json {
  const type = str(input.type);
  if (type === undefined) throw requiredField('resource.type');
  const spec = TYPES[type];
  if (!spec) throw invalidField('resource.type', type, `Must be one of ${Object.keys(TYPES).join(', ')}.`);
  const probe = isJson(input[spec.field]) ? input[spec.field] as Json : {};
  const port = probe.port ?? (probe.portSpecification === 'USE_SERVING_PORT' ? undefined : spec.port);
  return {
    type,
    [spec.field]: {...probe, ...(port === undefined ? {} : {port}), ...(type.startsWith('HTTP') ? {requestPath: probe.requestPath ?? '/'} : {}), proxyHeader: probe.proxyHeader ?? 'NONE'},
    ...probeTiming(input),
  };
}

/** Legacy HTTP health checks: the only kind target pools accept. */
export const httpHealthChecks: ResourceFamily = {
  collection: 'httpHealthChecks',
  kind: 'compute#httpHealthCheck',
  typeName: 'http_health_check',
  scopes: ['global'],
  inUseBy: ['targetPools'],

  create(input, ctx) {
    return {
      ...ctx.base,
      port: input.port ?? 80,
      requestPath: input.requestPath ?? '/',
      ...(typeof input.host === 'string' ? {host: input.host} : {}),
      ...probeTiming(input),
    };
  },

  patch(check, input) {
    for (const key of ['port', 'requestPath', 'host'] as const) if (input[key] !== undefined) check.body[key] = input[key];
    Object.assign(check.body, probeTiming({...check.body, ...input}));
  },
};

function probeTiming(input: Json): Json {
  const timing = {
    checkIntervalSec: Number(input.checkIntervalSec ?? 5),
    timeoutSec: Number(input.timeoutSec ?? 5),
    unhealthyThreshold: Number(input.unhealthyThreshold ?? 2),
    healthyThreshold: Number(input.healthyThreshold ?? 2),
  };
  if (timing.timeoutSec > timing.checkIntervalSec) {
    throw invalidField('resource.timeoutSec', timing.timeoutSec, 'timeoutSec must be less than or equal to checkIntervalSec.');
  }
  return timing;
}
