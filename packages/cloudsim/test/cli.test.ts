import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';

// Runs the built bin (dist/ must be current: `npx tsc -p tsconfig.json`).
const BIN = fileURLToPath(new URL('../bin/kopsx-cloudsim.js', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): {child: ChildProcess; stdout: () => string; stderr: () => string} {
  const child = spawn(process.execPath, [BIN, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {child, stdout: () => stdout, stderr: () => stderr};
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('kopsx-cloudsim bin', () => {
  it('prints shell-quoted export lines, serves with the given controls, and exits cleanly on SIGTERM', async () => {
    const sim = run(['--port', '0', '--latency', '5', '--throttle', '0.25']);
    await waitFor(() => sim.stderr().includes('listening on'), 'the listening notice');

    const exports = Object.fromEntries(sim.stdout().trim().split('\n').map((line) => {
      const match = /^export ([A-Z0-9_]+)='([^']*)'$/.exec(line);
      if (!match) throw new Error(`not an export line: ${line}`);
      return [match[1], match[2]];
    }));
    expect(Object.keys(exports)).toEqual(expect.arrayContaining([
      'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION',
      'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'STORAGE_EMULATOR_HOST', 'KOPSX_GCS_ENDPOINT', 'GOOGLE_CLOUD_PROJECT',
    ]));
    const endpoint = exports.AWS_ENDPOINT_URL ?? '';
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = await (await fetch(`${endpoint}/_sim/config`)).json();
    expect(config).toEqual({latencyMs: 5, throttleRate: 0.25, faultAtCall: 0, kubernetes: {nodeBootDelayMs: 1000}});

    sim.child.kill('SIGTERM');
    const [code] = await once(sim.child, 'exit');
    expect(code).toBe(0);
    expect(sim.stderr()).toContain('stopped (SIGTERM)');
    await expect(fetch(`${endpoint}/_sim/config`)).rejects.toThrow();
  });

  it('explains every flag with --help', async () => {
    const help = run(['--help']);
    const [code] = await once(help.child, 'exit');
    expect(code).toBe(0);
    for (const flag of ['--port', '--latency', '--throttle', '--seed', '--help']) expect(help.stdout()).toContain(flag);
  });

  it('rejects bad flags with exit code 2 and the reason', async () => {
    const bad = run(['--throttle', '2']);
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(2);
    expect(bad.stderr()).toContain('--throttle must be a fraction between 0 and 1, got 2');
    expect(bad.stdout()).toBe('');
  });
});
