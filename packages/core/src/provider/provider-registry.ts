/**
 * The providers this kopsx process can use, one per cloud. The CLI fills it from the installed plugins
 * (see loadProviderModule); everything that needs a cloud asks it with `require`, which is where missing,
 * incompatible, beta and alpha providers are told apart — before anything is written or any cloud called.
 */
import {registerStateStoreScheme} from '../state/index.js';
import {PROVIDER_API_VERSION} from './provider.js';
import type {CloudProvider, SupportLevel} from './provider.js';
import {
  AlphaProviderDisabledError,
  IncompatibleProviderError,
  MissingProviderError,
  ProviderConflictError,
} from './provider-registry-errors.js';

/** The package a provider came from, for messages and `kopsx get providers`. */
export interface ProviderSource {
  readonly packageName: string;
  readonly version: string;
}

/** One row of `kopsx get providers`. */
export interface ProviderInfo extends ProviderSource {
  readonly cloud: string;
  readonly supportLevel: SupportLevel;
  /** Sorted. */
  readonly stateStoreSchemes: readonly string[];
}

export interface RequireProviderOptions {
  /**
   * The value of KOPS_FEATURE_FLAGS: comma-separated names, each optionally prefixed `+` (on, the same as
   * no prefix) or `-` (off), as kOps reads it. Alpha providers need `AlphaAllow<Cloud>`.
   */
  readonly featureFlags?: string;
}

export interface ResolvedProvider {
  readonly provider: CloudProvider;
  /** For beta providers: one line the CLI prints once before going on. */
  readonly notice?: string;
}

interface Registration {
  readonly provider: CloudProvider;
  readonly source: ProviderSource;
}

export class ProviderRegistry {
  readonly #byCloud = new Map<string, Registration>();

  /** Adds a plugin's provider; refuses one built for another provider API or claiming a cloud already taken. */
  register(provider: CloudProvider, source: ProviderSource): void {
    if (provider.apiVersion !== PROVIDER_API_VERSION) {
      throw new IncompatibleProviderError(source, provider.apiVersion, PROVIDER_API_VERSION);
    }
    const existing = this.#byCloud.get(provider.cloud);
    if (existing) throw new ProviderConflictError(`cloud "${provider.cloud}"`, existing.source, source);
    this.#byCloud.set(provider.cloud, {provider, source});
  }

  /** Every registered provider, sorted by cloud. */
  list(): ProviderInfo[] {
    return [...this.#byCloud.values()]
      .map(({provider, source}) => ({
        cloud: provider.cloud,
        supportLevel: provider.supportLevel,
        packageName: source.packageName,
        version: source.version,
        stateStoreSchemes: Object.keys(provider.stateStoreSchemes ?? {}).sort(),
      }))
      .sort((a, b) => (a.cloud < b.cloud ? -1 : a.cloud > b.cloud ? 1 : 0));
  }

  /** The provider for `cloud`, whatever its support level; undefined when none is installed. */
  get(cloud: string): CloudProvider | undefined {
    return this.#byCloud.get(cloud)?.provider;
  }

  /**
   * The provider to work with `cloud`: MissingProviderError when none is installed, AlphaProviderDisabledError
   * for an alpha provider whose feature flag is off, and a notice to show for a beta one.
   */
  require(cloud: string, options: RequireProviderOptions = {}): ResolvedProvider {
    const registration = this.#byCloud.get(cloud);
    if (!registration) throw new MissingProviderError(cloud);
    const {provider, source} = registration;
    switch (provider.supportLevel) {
      case 'stable':
        return {provider};
      case 'beta':
        return {
          provider,
          notice:
            `${cloud} support is in beta: some features may be missing and behaviour may change between releases ` +
            `(${source.packageName} ${source.version})`,
        };
      case 'alpha': {
        const flag = alphaFeatureFlag(cloud);
        if (!isFeatureEnabled(options.featureFlags, flag)) throw new AlphaProviderDisabledError(cloud, flag);
        return {provider};
      }
    }
  }

  /**
   * Makes the state-store schemes the providers add (e.g. an object store of their cloud) openable with
   * openStateStore. Two providers claiming one scheme is a conflict rather than a silent last-one-wins.
   */
  registerStateStoreSchemes(): void {
    const claimedBy = new Map<string, ProviderSource>();
    for (const {provider, source} of this.#byCloud.values()) {
      for (const [scheme, factory] of Object.entries(provider.stateStoreSchemes ?? {})) {
        const other = claimedBy.get(scheme);
        if (other) throw new ProviderConflictError(`state store scheme "${scheme}"`, other, source);
        claimedBy.set(scheme, source);
        registerStateStoreScheme(scheme, factory);
      }
    }
  }
}

/** kOps' spelling: `AlphaAllow` and the cloud name with a capital first letter (`azure` → `AlphaAllowAzure`). */
function alphaFeatureFlag(cloud: string): string {
  return `AlphaAllow${cloud.charAt(0).toUpperCase()}${cloud.slice(1)}`;
}

/** Whether `flag` is on in a KOPS_FEATURE_FLAGS value; a later entry overrides an earlier one. */
function isFeatureEnabled(featureFlags: string | undefined, flag: string): boolean {
  let enabled = false;
  for (const entry of (featureFlags ?? '').split(',').map((e) => e.trim())) {
    const sign = entry.charAt(0);
    const name = sign === '+' || sign === '-' ? entry.slice(1) : entry;
    if (name === flag) enabled = sign !== '-';
  }
  return enabled;
}
