import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The built CLI (`npm run build` or the nx test target builds it first). */
const KOPSX_BIN = fileURLToPath(new URL('../../../packages/cli/bin/run.js', import.meta.url));

/** The AWS provider plugin of this repository, built like the CLI. */
export const AWS_PLUGIN_DIR = fileURLToPath(new URL('../../../plugins/aws', import.meta.url));

export interface KopsxUserOptions {
  /** A kopsx data dir with provider plugins linked (see linkPlugins); without it the user has no plugin. */
  readonly dataDir?: string;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly result: Promise<RunResult>;
}

/**
 * A user's machine for one test: private HOME and kopsx dirs, a working directory for manifests, and the
 * environment that selects the state store (and the cloud endpoint). Nothing comes from the test runner's
 * environment but PATH.
 */
export class KopsxUser {
  readonly dir = mkdtempSync(join(tmpdir(), 'kopsx-e2e-'));
  readonly env: NodeJS.ProcessEnv;

  constructor(storeEnv: NodeJS.ProcessEnv, options: KopsxUserOptions = {}) {
    for (const sub of ['home', 'data', 'config', 'cache', 'state', 'tmp']) mkdirSync(join(this.dir, sub));
    this.env = {
      PATH: process.env.PATH,
      HOME: join(this.dir, 'home'),
      // kopsx's temp files (edit buffers) stay inside the test's dir, even when a test kills kopsx.
      TMPDIR: join(this.dir, 'tmp'),
      KOPSX_STATE_DIR: join(this.dir, 'state'),
      KOPSX_DATA_DIR: options.dataDir ?? join(this.dir, 'data'),
      KOPSX_CONFIG_DIR: join(this.dir, 'config'),
      KOPSX_CACHE_DIR: join(this.dir, 'cache'),
      OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      // No test may reach a real cloud: without a simulator in storeEnv, AWS calls go to a closed port.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_EC2_METADATA_DISABLED: 'true',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
      ...storeEnv,
    };
  }

  start(args: readonly string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Running {
    const child = spawn(process.execPath, [KOPSX_BIN, ...args], {env: {...this.env, ...options.env}, cwd: this.dir});
    const result = new Promise<RunResult>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({code: code ?? (signal ? 128 : 1), stdout, stderr}));
    });
    child.stdin.end(options.input ?? '');
    return {child, result};
  }

  run(args: readonly string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<RunResult> {
    return this.start(args, options).result;
  }

  /** Runs and insists on success, returning stdout. */
  async ok(args: readonly string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new Error(`kopsx ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
    return result.stdout;
  }

  write(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, {recursive: true, force: true});
  }
}

/** An EDITOR command line running one of the fixture editors with node. */
export function fixtureEditor(script: string, ...args: string[]): string {
  const path = fileURLToPath(new URL(`../fixtures/editors/${script}`, import.meta.url));
  return [process.execPath, path, ...args].map((part) => `"${part}"`).join(' ');
}

/** A kopsx data dir with plugin folders linked into it, shared by the users of one test file. */
export interface LinkedPlugins {
  readonly dataDir: string;
  remove(): void;
}

/** `kopsx plugins link DIR --no-install` for each folder (their dependencies are the workspace's: nothing is fetched). */
export async function linkPlugins(...folders: string[]): Promise<LinkedPlugins> {
  const linker = new KopsxUser({});
  for (const folder of folders) await linker.ok(['plugins', 'link', folder, '--no-install']);
  return {dataDir: join(linker.dir, 'data'), remove: () => linker.remove()};
}
