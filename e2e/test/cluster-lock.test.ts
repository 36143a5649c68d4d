/**
 * Two kopsx processes and one cluster: while one command changes a cluster, another that would change it
 * fails at once, naming who holds the lock, and the first one's change lands intact. Run on file:// and on
 * s3:// against cloudsim (s3rver ignores conditional writes, so it cannot show locking).
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseManifests} from '@kopsx/core';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, fixtureEditor, KopsxUser, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';
import {cloudSimStore, fileStore} from './support/state-stores.js';
import type {TestStore} from './support/state-stores.js';

const NAME = 'locked.k8s.local';

async function waitForFile(path: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const backends: Array<[string, () => TestStore | Promise<TestStore>]> = [
  ['file://', fileStore],
  ['s3:// (cloudsim)', () => cloudSimStore('s3')],
];

let plugins: LinkedPlugins;
beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
});
afterAll(() => plugins?.remove());

describe.each(backends)('the cluster lock on %s', (_label, openStore) => {
  let store: TestStore;
  let user: KopsxUser;

  beforeEach(async () => {
    store = await openStore();
    user = new KopsxUser(store.env, {dataDir: plugins.dataDir});
    await user.ok(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a']);
    const yaml = await user.ok(['get', 'cluster', NAME, '-o', 'yaml']);
    user.write('replacement.yaml', yaml.replace(/kubernetesVersion: .*/, 'kubernetesVersion: 1.29.1'));
  });
  afterEach(async () => {
    user.remove();
    await store.close();
  });

  /** Starts `edit cluster` with an editor that holds on until `go` exists. */
  async function startBlockedEdit() {
    const ready = join(user.dir, 'editor-ready');
    const go = join(user.dir, 'editor-go');
    const editor = fixtureEditor('wait-then-set.mjs', ready, go, 'kubernetesVersion', '1.30.5');
    const edit = user.start(['edit', 'cluster', NAME], {env: {EDITOR: editor}});
    await waitForFile(ready);
    return {edit};
  }

  it('replace -f fails naming the edit that holds the lock; the edit then lands intact', async () => {
    const {edit} = await startBlockedEdit();

    const blocked = await user.run(['replace', '-f', 'replacement.yaml']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`cluster "${NAME}" is locked by`);
    expect(blocked.stderr).toContain(`pid ${edit.child.pid}`);
    expect(blocked.stderr).toContain(`running "kopsx edit cluster ${NAME}"`);
    expect(blocked.stderr).toContain('--force-unlock');

    user.write('editor-go', '');
    const edited = await edit.result;
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain(`cluster "${NAME}" edited`);

    const after = parseManifests(await user.ok(['get', 'all', '--name', NAME, '-o', 'yaml']));
    expect(after.clusters[0]?.spec.kubernetesVersion).toBe('1.30.5');
    expect(after.instanceGroups.length).toBeGreaterThan(0);
    // the lock is gone: the replace that was refused now goes through
    expect(await user.ok(['replace', '-f', 'replacement.yaml'])).toContain('replaced');
  });

  it('--force-unlock takes over the lock of a process that died', async () => {
    const {edit} = await startBlockedEdit();
    const deadPid = edit.child.pid;
    edit.child.kill('SIGKILL');
    // Let the orphaned editor finish too (it holds kopsx's output pipes open); kopsx is gone, so nothing
    // stores its change.
    user.write('editor-go', '');
    await edit.result;

    const blocked = await user.run(['replace', '-f', 'replacement.yaml']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`pid ${deadPid}`);

    const forced = await user.run(['replace', '-f', 'replacement.yaml', '--force-unlock']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain(`Removed the lock of`);
    expect(forced.stderr).toContain(`pid ${deadPid} running "kopsx edit cluster ${NAME}"`);
    const cluster = parseManifests(await user.ok(['get', 'cluster', NAME, '-o', 'yaml'])).clusters[0];
    expect(cluster?.spec.kubernetesVersion).toBe('1.29.1');
  });
});
