/**
 * Imports a plugin's provider module (the file its package.json names under `kopsx.provider`) and checks it
 * before anything calls into it: a broken or foreign plugin must fail with its name in the message, not
 * with "x is not a function" in the middle of an apply.
 */
import {isAbsolute} from 'node:path';
import {pathToFileURL} from 'node:url';
import {PROVIDER_API_VERSION} from './provider.js';
import type {CloudProvider} from './provider.js';
import type {ProviderSource} from './provider-registry.js';
import {IncompatibleProviderError, InvalidProviderError} from './provider-registry-errors.js';

const SUPPORT_LEVELS: readonly unknown[] = ['stable', 'beta', 'alpha'];
const REQUIRED_METHODS = ['validateZones', 'buildModel', 'connect', 'renderTerraform'] as const;
const DEFAULTS_FIELDS = ['controlPlaneMachineType', 'nodeMachineType', 'bastionMachineType', 'image'] as const;
/** Cloud names end up in package names, feature flags and `spec.cloudProvider`. */
const CLOUD_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The `provider` export of the module at `modulePath` (an absolute path or a URL), checked against the
 * contract this kopsx speaks. Throws IncompatibleProviderError for another provider API version and
 * InvalidProviderError for anything else wrong, both naming the package.
 */
export async function loadProviderModule(modulePath: string, source: ProviderSource): Promise<CloudProvider> {
  const specifier = isAbsolute(modulePath) ? pathToFileURL(modulePath).href : modulePath;
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidProviderError(source, modulePath, `it could not be imported: ${error instanceof Error ? error.message : String(error)}`);
  }
  const provider = module.provider;
  if (typeof provider !== 'object' || provider === null) {
    throw new InvalidProviderError(source, modulePath, 'it has no "provider" export');
  }
  const candidate = provider as Record<string, unknown>;
  // The version comes first: a provider for another contract may well fail the checks below for that reason.
  if (typeof candidate.apiVersion !== 'number') {
    throw new InvalidProviderError(source, modulePath, 'provider.apiVersion is not a number');
  }
  if (candidate.apiVersion !== PROVIDER_API_VERSION) {
    throw new IncompatibleProviderError(source, candidate.apiVersion, PROVIDER_API_VERSION);
  }
  const problem = contractProblem(candidate);
  if (problem) throw new InvalidProviderError(source, modulePath, problem);
  return provider as CloudProvider;
}

/** The first way `provider` falls short of the CloudProvider contract, or undefined. */
function contractProblem(provider: Record<string, unknown>): string | undefined {
  if (typeof provider.cloud !== 'string' || !CLOUD_NAME.test(provider.cloud)) {
    return 'provider.cloud must be a lowercase name such as "aws"';
  }
  if (!SUPPORT_LEVELS.includes(provider.supportLevel)) {
    return `provider.supportLevel must be one of ${SUPPORT_LEVELS.join(', ')}`;
  }
  const missing = REQUIRED_METHODS.find((method) => typeof provider[method] !== 'function');
  if (missing) return `provider.${missing} is not a function`;
  const defaults = provider.defaults as Record<string, unknown> | undefined;
  const missingDefault = DEFAULTS_FIELDS.find((field) => typeof defaults?.[field] !== 'string');
  if (missingDefault) return `provider.defaults.${missingDefault} is not a string`;
  const schemes = provider.stateStoreSchemes;
  if (schemes !== undefined) {
    if (typeof schemes !== 'object' || schemes === null) return 'provider.stateStoreSchemes is not an object';
    const bad = Object.entries(schemes).find(([, factory]) => typeof factory !== 'function');
    if (bad) return `provider.stateStoreSchemes.${bad[0]} is not a function`;
  }
  return undefined;
}
