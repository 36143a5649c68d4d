import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The built CLI, run exactly as a user runs it. */
export const KOPSX_BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The whole environment of the process: callers pass a sandbox's env, never the test runner's. */
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  readonly input?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export interface RunningKopsx {
  readonly child: ChildProcess;
  readonly result: Promise<RunResult>;
}

/** Starts `kopsx ARGS` without waiting for it (for tests that run two at once). */
export function startKopsx(args: readonly string[], options: RunOptions): RunningKopsx {
  const child = spawn(process.execPath, [KOPSX_BIN, ...args], {env: options.env, cwd: options.cwd, stdio: 'pipe'});
  const result = new Promise<RunResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code: code ?? (signal ? 128 : 1), stdout, stderr});
    });
  });
  child.stdin.end(options.input ?? '');
  return {child, result};
}

export function runKopsx(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return startKopsx(args, options).result;
}
