import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** The built CLI (`npm run build` or the nx test target builds it first). */
const KOPSX_BIN = fileURLToPath(new URL('../../../packages/cli/bin/run.js', import.meta.url));

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
 * environment that selects the state store. Nothing comes from the test runner's environment but PATH.
 */
export class KopsxUser {
  readonly dir = mkdtempSync(join(tmpdir(), 'kopsx-e2e-'));
  readonly env: NodeJS.ProcessEnv;

  constructor(storeEnv: NodeJS.ProcessEnv) {
    for (const sub of ['home', 'data', 'config', 'cache', 'state', 'tmp']) mkdirSync(join(this.dir, sub));
    this.env = {
      PATH: process.env.PATH,
      HOME: join(this.dir, 'home'),
      // kopsx's temp files (edit buffers) stay inside the test's dir, even when a test kills kopsx.
      TMPDIR: join(this.dir, 'tmp'),
      KOPSX_STATE_DIR: join(this.dir, 'state'),
      KOPSX_DATA_DIR: join(this.dir, 'data'),
      KOPSX_CONFIG_DIR: join(this.dir, 'config'),
      KOPSX_CACHE_DIR: join(this.dir, 'cache'),
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
