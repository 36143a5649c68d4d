export * from './errors.js';
export * from './handler.js';
export * from './instance-groups.js';
export * from './model-inputs.js';
export * from './provider.js';
export * from './resource.js';
export * from './terraform.js';
export {ProviderRegistry} from './provider-registry.js';
export type {ProviderInfo, ProviderSource, RequireProviderOptions, ResolvedProvider} from './provider-registry.js';
export {
  AlphaProviderDisabledError,
  IncompatibleProviderError,
  InvalidProviderError,
  MissingProviderError,
  ProviderConflictError,
  officialPackageName,
} from './provider-registry-errors.js';
export {loadProviderModule} from './load-provider-module.js';
export * from './shared-reads.js';
