import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {runKopsx} from './run-kopsx.js';
import type {RunResult} from './run-kopsx.js';

/** The AWS provider plugin of this repository (built by its own `tsc`). */
export const AWS_PLUGIN_DIR = fileURLToPath(new URL('../../../../plugins/aws', import.meta.url));

export interface SandboxOptions {
  /**
   * A kopsx data dir with provider plugins linked (see PluginDir), shared by the sandboxes of a test file;
   * without it the sandbox has no plugin at all.
   */
  readonly pluginDir?: PluginDir;
}

export interface RunInSandbox {
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
}

/**
 * A private world for one test: its own HOME, kopsx data/config/cache dirs, default state dir, and a file://
 * state store in KOPS_STATE_STORE. Nothing is inherited from the test runner's environment except PATH.
 * No cloud is reachable: AWS calls go to a closed local port, so a test can never touch a real account.
 */
export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'kopsx-cli-test-'));
  readonly storeDir = join(this.dir, 'store');
  readonly defaultStateDir = join(this.dir, 'default-state');
  readonly env: NodeJS.ProcessEnv;

  constructor(options: SandboxOptions = {}) {
    for (const sub of ['home', 'data', 'config', 'cache', 'store', 'default-state']) mkdirSync(join(this.dir, sub));
    this.env = {
      PATH: process.env.PATH,
      HOME: join(this.dir, 'home'),
      KOPS_STATE_STORE: this.storeUrl,
      KOPSX_STATE_DIR: this.defaultStateDir,
      KOPSX_DATA_DIR: options.pluginDir?.dataDir ?? join(this.dir, 'data'),
      KOPSX_CONFIG_DIR: join(this.dir, 'config'),
      KOPSX_CACHE_DIR: join(this.dir, 'cache'),
      XDG_DATA_HOME: join(this.dir, 'data'),
      XDG_CONFIG_HOME: join(this.dir, 'config'),
      XDG_CACHE_HOME: join(this.dir, 'cache'),
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_EC2_METADATA_DISABLED: 'true',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
    };
  }

  get storeUrl(): string {
    return pathToFileURL(this.storeDir).href;
  }

  /** Runs the CLI in this sandbox (cwd = the sandbox dir, so relative file names work). */
  run(args: readonly string[], options: RunInSandbox = {}): Promise<RunResult> {
    return runKopsx(args, {env: {...this.env, ...options.env}, input: options.input, cwd: this.dir});
  }

  /** Writes a file in the sandbox dir and returns its absolute path. */
  write(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** Replaces this sandbox's store with a copy of another store directory. */
  copyStoreFrom(storeDir: string): void {
    rmSync(this.storeDir, {recursive: true, force: true});
    cpSync(storeDir, this.storeDir, {recursive: true});
  }

  /** Every file of both stores with its content: equal snapshots mean nothing was written or deleted. */
  snapshot(): Record<string, string> {
    return {...snapshotDir(this.storeDir, 'store'), ...snapshotDir(this.defaultStateDir, 'default-state')};
  }

  remove(): void {
    rmSync(this.dir, {recursive: true, force: true});
  }
}

/** A kopsx data dir holding links to provider plugins, made once per test file with `kopsx plugins link`. */
export class PluginDir {
  private constructor(
    private readonly sandbox: Sandbox,
    readonly dataDir: string,
  ) {}

  /** Links each plugin folder with `--no-install`: their dependencies are the workspace's, nothing is fetched. */
  static async link(...pluginFolders: string[]): Promise<PluginDir> {
    const sandbox = new Sandbox();
    for (const folder of pluginFolders) {
      const result = await sandbox.run(['plugins', 'link', folder, '--no-install']);
      if (result.code !== 0) throw new Error(`kopsx plugins link ${folder} failed:\n${result.stderr}`);
    }
    return new PluginDir(sandbox, join(sandbox.dir, 'data'));
  }

  remove(): void {
    this.sandbox.remove();
  }
}

function snapshotDir(root: string, label: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[`${label}/${relative(root, path)}`] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}
