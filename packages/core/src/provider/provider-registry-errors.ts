/** Why a cloud's provider cannot be used. Each says which package is involved and what to run. */
import {KopsxError} from '../errors.js';
import type {ProviderSource} from './provider-registry.js';

/** `@kopsx/plugin-<cloud>`: the only package a short cloud name resolves to. */
export function officialPackageName(cloud: string): string {
  return `@kopsx/plugin-${cloud}`;
}

function describeSource(source: ProviderSource): string {
  return `${source.packageName} ${source.version}`;
}

/** No installed plugin provides the cloud a cluster (or `--cloud`) names. */
export class MissingProviderError extends KopsxError {
  constructor(readonly cloud: string) {
    super(
      `cloud "${cloud}" needs the provider plugin ${officialPackageName(cloud)} — run: kopsx plugins install ${cloud}`,
      'MissingProvider',
      'list the installed providers with "kopsx get providers"',
    );
  }
}

/** The plugin was built against another version of the provider contract than this kopsx speaks. */
export class IncompatibleProviderError extends KopsxError {
  constructor(
    readonly source: ProviderSource,
    readonly providerApiVersion: number,
    readonly coreApiVersion: number,
  ) {
    const newer = providerApiVersion > coreApiVersion;
    super(
      `provider ${describeSource(source)} was built for provider API ${providerApiVersion}, ` +
        `this kopsx speaks ${coreApiVersion} — install a matching version`,
      'IncompatibleProvider',
      newer
        ? `upgrade kopsx, or install an older ${source.packageName} built for provider API ${coreApiVersion}`
        : `update the plugin: kopsx plugins update`,
    );
  }
}

/** An alpha provider is installed but the user has not opted in to it. */
export class AlphaProviderDisabledError extends KopsxError {
  constructor(
    readonly cloud: string,
    readonly featureFlag: string,
  ) {
    super(
      `${cloud} support is in alpha and needs the feature flag ${featureFlag}: set KOPS_FEATURE_FLAGS=${featureFlag}`,
      'AlphaProviderDisabled',
      'alpha providers may change incompatibly or lose resources between releases; enable them only to try them out',
    );
  }
}

/** Two plugins claim the same cloud or the same state-store scheme. */
export class ProviderConflictError extends KopsxError {
  constructor(what: string, first: ProviderSource, second: ProviderSource) {
    super(
      `${what} is provided by both ${describeSource(first)} and ${describeSource(second)}`,
      'ProviderConflict',
      `uninstall one of them: kopsx plugins uninstall ${second.packageName}`,
    );
  }
}

/** A plugin's provider module could not be imported or does not export a usable provider. */
export class InvalidProviderError extends KopsxError {
  constructor(source: ProviderSource, modulePath: string, problem: string) {
    super(
      `plugin ${describeSource(source)} has no usable provider in ${modulePath}: ${problem}`,
      'InvalidProvider',
      `reinstall the plugin, or remove it: kopsx plugins uninstall ${source.packageName}`,
    );
  }
}
