import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseManifests} from '@kopsx/core';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, PluginDir, Sandbox} from './support/sandbox.js';

const NAME = 'edit.k8s.local';
const editor = (script: string, ...args: string[]): string =>
  [process.execPath, fileURLToPath(new URL(`fixtures/editors/${script}`, import.meta.url)), ...args].map((a) => `"${a}"`).join(' ');

let plugins: PluginDir;
let sandbox: Sandbox;
let editorLog: string;

beforeAll(async () => {
  plugins = await PluginDir.link(AWS_PLUGIN_DIR);
});
afterAll(() => plugins?.remove());

beforeEach(async () => {
  sandbox = new Sandbox({pluginDir: plugins});
  editorLog = join(sandbox.dir, 'editor.log');
  const created = await sandbox.run(['create', 'cluster', NAME, '--cloud', 'aws', '--zones', 'us-east-1a']);
  expect(created.code, created.stderr).toBe(0);
});
afterEach(() => sandbox.remove());

const edit = (args: string[], editorCommand: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  sandbox.run(args, {env: {EDITOR: editorCommand, EDITOR_LOG: editorLog, ...extraEnv}});

async function storedInstanceGroup(name: string) {
  const result = await sandbox.run(['get', 'ig', name, '--name', NAME, '-o', 'yaml']);
  return parseManifests(result.stdout).instanceGroups[0]!;
}

describe('edit', () => {
  it('edit ig stores what the editor changed, from a private temp file', async () => {
    const result = await edit(['edit', 'ig', 'nodes-us-east-1a', '--name', NAME], editor('set-field.mjs', 'maxSize', '7'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('instancegroup "nodes-us-east-1a" edited');
    expect((await storedInstanceGroup('nodes-us-east-1a')).spec.maxSize).toBe(7);
    expect(readFileSync(editorLog, 'utf8')).toBe('mode 600\n');
  });

  it('edit cluster stores a changed cluster field', async () => {
    const result = await edit(['edit', 'cluster', NAME], editor('set-field.mjs', 'kubernetesVersion', '1.31.9'));
    expect(result.code, result.stderr).toBe(0);
    const yaml = (await sandbox.run(['get', 'cluster', NAME, '-o', 'yaml'])).stdout;
    expect(parseManifests(yaml).clusters[0]?.spec.kubernetesVersion).toBe('1.31.9');
  });

  it('KUBE_EDITOR wins over EDITOR, as in kubectl', async () => {
    const result = await edit(['edit', 'ig', 'nodes-us-east-1a', '--name', NAME], editor('exit-with.mjs', '9'), {
      KUBE_EDITOR: editor('set-field.mjs', 'maxSize', '5'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect((await storedInstanceGroup('nodes-us-east-1a')).spec.maxSize).toBe(5);
  });

  it('reopens an invalid edit with the problems as comments, and stores the fixed version', async () => {
    const result = await edit(['edit', 'ig', 'nodes-us-east-1a', '--name', NAME], editor('break-then-fix.mjs'));
    expect(result.code, result.stderr).toBe(0);
    const secondView = readFileSync(editorLog, 'utf8').split('--- run 2\n')[1] ?? '';
    expect(secondView).toMatch(/^# Error: the edited document is invalid:\n# {3}.*minSize.*\n/);
    expect(secondView).toContain('minSize: 99');
    const stored = await storedInstanceGroup('nodes-us-east-1a');
    expect(stored.spec.minSize).toBe(1);
  });

  it('an editor that saves nothing cancels the edit and writes nothing', async () => {
    const before = sandbox.snapshot();
    const result = await edit(['edit', 'cluster', NAME], 'true');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Edit cancelled, no changes made.');
    expect(sandbox.snapshot()).toEqual(before);
  });

  it('renaming the object is refused inside the editor loop', async () => {
    // set-field renames on every run, so the second run saves the same text again: the edit is abandoned.
    const result = await edit(['edit', 'ig', 'nodes-us-east-1a', '--name', NAME], editor('set-field.mjs', 'name', 'renamed'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('still has the errors');
    expect((await storedInstanceGroup('nodes-us-east-1a')).metadata.name).toBe('nodes-us-east-1a');
  });
});
