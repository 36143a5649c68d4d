import {appendFileSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {Sandbox} from './support/sandbox.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

describe('help', () => {
  it('lists the topics and commands', async () => {
    const {code, stdout} = await sandbox.run(['--help']);
    expect(code).toBe(0);
    for (const topic of ['create', 'get', 'edit', 'update', 'delete', 'replace', 'version', 'completion']) {
      expect(stdout).toMatch(new RegExp(`^\\s+${topic}\\s`, 'm'));
    }
  });

  it('create cluster --help describes every flag and shows examples', async () => {
    const {stdout} = await sandbox.run(['create', 'cluster', '--help']);
    const flagSections = stdout.split(/^(?=[A-Z][A-Z ]+$)/m).filter((section) => /^[A-Z ]*FLAGS\n/.test(section));
    const flagLines = flagSections.join('\n').split('\n').filter((line) => /^ {2}(-\w, | {4})--[\w-]+/.test(line));
    expect(flagLines.length).toBeGreaterThan(25);
    // a flag line without text after the flag (and its value) would be an undocumented flag
    for (const line of flagLines) expect(line.trim(), line).toMatch(/^(-\w, )?--[\w-]+(=<[^>]+>|=[\w|]+)?(\.\.\.)?\s{2,}\S/);
    expect(stdout).toContain('--control-plane-count');
    expect(stdout).toContain('EXAMPLES');
    expect(stdout).toContain('[env: KOPS_STATE_STORE]');
  });
});

describe('version', () => {
  const hooks = fileURLToPath(new URL('fixtures/log-imports.mjs', import.meta.url));
  const importsOf = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> => {
    const log = join(sandbox.dir, `imports-${args[0]}.log`);
    appendFileSync(log, '');
    await sandbox.run(args, {env: {NODE_OPTIONS: `--import ${hooks}`, IMPORT_LOG: log, ...env}});
    return readFileSync(log, 'utf8');
  };

  it('prints the kopsx and Node versions', async () => {
    const {code, stdout} = await sandbox.run(['version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^kopsx \d+\.\d+\.\d+\nnode v\d+\.\d+\.\d+ \(/);
  });

  it('never loads a cloud SDK (a command that opens an s3 store does)', async () => {
    expect(await importsOf(['version'])).not.toMatch(/@aws-sdk|@google-cloud/);
    const s3 = await importsOf(['get', 'clusters', '--state', 's3://bucket/x'], {AWS_ENDPOINT_URL: 'http://127.0.0.1:9'});
    expect(s3).toMatch(/@aws-sdk\/client-s3/);
  });
});

describe('completion', () => {
  it('prints shell code that loads the completion cache', async () => {
    const {code, stdout} = await sandbox.run(['completion', 'bash']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/KOPSX_AC_BASH_SETUP_PATH=\S+ && test -f/);
  });
});
