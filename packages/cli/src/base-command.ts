import {acquireClusterLock, ClusterRegistry, KopsxError, openStateStore, resolveStateStoreUrl, StateStoreError} from '@kopsx/core';
import type {CloudProvider, ClusterTarget, ProviderRegistry, ResolvedStoreUrl, StateStore} from '@kopsx/core';
import {Command, Flags, Interfaces} from '@oclif/core';
import {InterruptedError} from './cloud/interruptible.js';
import {renderError} from './output/render-error.js';
import {loadProviders} from './providers/load-providers.js';
import {UsageError} from './usage-error.js';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * What every kopsx command shares: the global flags, finding and opening the state store, the cloud providers
 * of the installed plugins, the cluster lock, and the one place that turns an error into what the user reads
 * and an exit code.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    state: Flags.string({
      description: 'State store URL holding cluster specs: file:///path, s3://bucket/prefix, gs://bucket/prefix.',
      env: 'KOPS_STATE_STORE',
      helpGroup: 'GLOBAL',
    }),
    name: Flags.string({
      description: 'Name of the cluster to act on.',
      env: 'KOPS_CLUSTER_NAME',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({
      char: 'v',
      description: 'Print stack traces with errors.',
      helpGroup: 'GLOBAL',
    }),
  };

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  private resolvedStore?: ResolvedStoreUrl;
  private openedStore?: Promise<StateStore>;
  private loadedProviders?: Promise<ProviderRegistry>;
  private readonly shownNotices = new Set<string>();

  override async init(): Promise<void> {
    await super.init();
    const {args, flags} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
  }

  /** The store's URL, without opening it (a dry run must not touch the store). Says once when it is the default. */
  protected async storeUrl(): Promise<string> {
    if (!this.resolvedStore) {
      this.resolvedStore = await this.resolveStore();
      if (this.resolvedStore.isDefault) {
        this.logToStderr(`Using the local state store ${this.resolvedStore.url} (set KOPS_STATE_STORE or --state to share it)`);
      }
    }
    return this.resolvedStore.url;
  }

  protected store(): Promise<StateStore> {
    this.openedStore ??= this.storeUrl().then((url) => openStateStore(url, process.env));
    return this.openedStore;
  }

  /** A scheme core does not know may come from a provider plugin: only then are the plugins loaded. */
  private async resolveStore(): Promise<ResolvedStoreUrl> {
    try {
      return resolveStateStoreUrl(this.flags.state, process.env);
    } catch (error) {
      if (!(error instanceof StateStoreError) || this.loadedProviders) throw error;
      await this.providers();
      return resolveStateStoreUrl(this.flags.state, process.env);
    }
  }

  /**
   * The providers of the loaded oclif plugins (installed or linked). Imported on first use only, so that
   * commands which never reach a cloud (`version`, `get`) do not load any cloud SDK.
   */
  protected providers(): Promise<ProviderRegistry> {
    this.loadedProviders ??= loadProviders(this.config.plugins.values());
    return this.loadedProviders;
  }

  /**
   * The provider for `cloud`: MissingProviderError when no plugin provides it (with the install command),
   * AlphaProviderDisabledError for an alpha one without its KOPS_FEATURE_FLAGS entry; a beta one's notice is
   * shown once.
   */
  protected async requireProvider(cloud: string): Promise<CloudProvider> {
    const {provider, notice} = (await this.providers()).require(cloud, {featureFlags: process.env.KOPS_FEATURE_FLAGS});
    this.notice(notice);
    return provider;
  }

  /** What cluster operations start from: the store, the cluster, the providers and this process's environment. */
  protected async clusterTarget(clusterName: string): Promise<ClusterTarget> {
    return {store: await this.store(), clusterName, providers: await this.providers(), env: process.env};
  }

  /** A provider's notice (beta support), on stderr and only once per command. */
  protected notice(text: string | undefined): void {
    if (text === undefined || this.shownNotices.has(text)) return;
    this.shownNotices.add(text);
    this.logToStderr(`Notice: ${text}`);
  }

  protected async registry(): Promise<ClusterRegistry> {
    return new ClusterRegistry(await this.store());
  }

  /**
   * The cluster this command acts on: a positional NAME or `--name`/KOPS_CLUSTER_NAME. Giving two different
   * names is refused rather than guessing which one was meant.
   */
  protected clusterName(positional?: string): string {
    const fromFlag = this.flags.name;
    if (positional && fromFlag && positional !== fromFlag) {
      throw new UsageError(
        `two cluster names given: "${positional}" as an argument and "${fromFlag}" from --name/KOPS_CLUSTER_NAME`,
        'give the name once (unset KOPS_CLUSTER_NAME if it is set in your shell)',
      );
    }
    const name = positional ?? fromFlag;
    if (!name) {
      throw new UsageError('no cluster name given', 'pass --name NAME or set KOPS_CLUSTER_NAME');
    }
    return name;
  }

  /**
   * Runs `fn` holding the cluster's lock. The lock records this command line, so a blocked user sees who
   * holds it; after --force-unlock the user is told whose lock was removed.
   */
  protected async withLock<R>(clusterName: string, options: {readonly forceUnlock: boolean}, fn: () => Promise<R>): Promise<R> {
    const command = [this.config.bin, ...process.argv.slice(2)].join(' ');
    const lock = await acquireClusterLock(await this.store(), clusterName, {command, forceUnlock: options.forceUnlock});
    const removed = lock.removedLock;
    if (removed) this.logToStderr(`Removed the lock of ${removed.holder} running "${removed.command}" since ${removed.acquiredAt}`);
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  protected warnAll(warnings: ReadonlyArray<{readonly path: string; readonly message: string}>): void {
    for (const warning of warnings) this.logToStderr(`Warning: ${warning.path}: ${warning.message}`);
  }

  protected override async catch(error: Interfaces.CommandError): Promise<unknown> {
    // oclif's own errors (unknown flag, bad option value, --help) keep oclif's wording and exit code.
    if (!(error instanceof KopsxError) && 'oclif' in error) return super.catch(error);
    this.logToStderr(renderError(error, {verbose: this.isVerbose()}));
    // 130 is what shells report for a command stopped by Ctrl-C.
    return this.exit(error instanceof InterruptedError ? 130 : 1);
  }

  /** Parsing may have failed before `this.flags` exists, so look at the raw argv too. */
  private isVerbose(): boolean {
    return this.flags?.verbose ?? (this.argv.includes('-v') || this.argv.includes('--verbose'));
  }
}
