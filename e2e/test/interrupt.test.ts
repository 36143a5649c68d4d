/**
 * Ctrl-C during `update cluster --yes`: kopsx stops starting cloud calls, releases the cluster's lock and exits
 * 130; the next run continues from what exists and converges, with no duplicate.
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {clusterResources, IPV4_ACCESS, startAwsWorld} from './support/aws-world.js';
import type {AwsWorld} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';

const NAME = 'stop.k8s.local';

let plugins: LinkedPlugins;
let world: AwsWorld;

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  world = await startAwsWorld(plugins);
  await world.user.ok(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a', ...IPV4_ACCESS]);
});
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

describe('Ctrl-C during update cluster --yes', () => {
  it('stops, releases the lock and exits 130; a rerun converges', async () => {
    // Slow calls, so that the apply is still running when the signal comes.
    world.sim.configure({latencyMs: 150});
    const running = world.user.start(['update', 'cluster', NAME, '--yes']);
    await new Promise<void>((resolve) => {
      running.child.stderr?.on('data', (chunk: Buffer) => {
        if (/^created /m.test(String(chunk))) resolve();
      });
    });
    running.child.kill('SIGINT');
    const interrupted = await running.result;
    world.sim.configure({latencyMs: 0});

    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toContain('Interrupted: letting the calls in flight finish');
    expect(interrupted.stderr).toContain('Error: interrupted: update cluster stopped before it finished');
    expect(existsSync(join(fileURLToPath(world.store.url), NAME, '.lock'))).toBe(false);
    const partial = clusterResources(world.sim, NAME).length;
    expect(partial).toBeGreaterThan(0);

    const preview = await world.user.ok(['update', 'cluster', NAME]);
    // What was left undone, and nothing to delete: no duplicate was made.
    expect(preview).toMatch(/^\d+ to create, \d+ to modify, 0 to delete$/m);
    await world.user.ok(['update', 'cluster', NAME, '--yes']);
    expect(await world.user.ok(['update', 'cluster', NAME])).toBe('No changes need to be applied\n');
    const names = clusterResources(world.sim, NAME)
      .filter((r) => r.kind !== 'ec2:instance' && r.kind !== 'ec2:volume')
      .map((r) => `${r.kind} ${r.name ?? r.id}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
