import {execFile, spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * Runs in the child: verdaccio's own server factory, listening on a free port of 127.0.0.1 and printing it
 * (verdaccio's command line cannot listen on port 0 and tell which port it got).
 */
const SERVER_SCRIPT = `
const {runServer} = require(process.argv[1]);
runServer(process.argv[2]).then((app) => {
  const server = app.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
});
`;

/** Anyone may read; publishing needs a user, as on a real registry. */
const config = (storage: string, htpasswd: string): string => `
storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(htpasswd)}
uplinks: {}
packages:
  '@kopsx/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
web:
  enable: false
log: {type: stderr, format: pretty, level: warn}
`;

export interface PublishOptions {
  /** Publish under this version instead of the package's own (the package folder is copied, not changed). */
  readonly version?: string;
}

/**
 * A private npm registry (verdaccio) on 127.0.0.1 with no uplinks: it serves only what a test publishes to it.
 * Its storage, its npm user config (holding the publish token, mode 0600) and the npm cache used for publishing
 * live in one temp dir, removed by close().
 */
export class Verdaccio {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
    private readonly userconfig: string,
  ) {}

  static async start(): Promise<Verdaccio> {
    const dir = mkdtempSync(join(tmpdir(), 'kopsx-verdaccio-'));
    const configPath = join(dir, 'config.yaml');
    writeFileSync(configPath, config(join(dir, 'storage'), join(dir, 'htpasswd')));
    const main = createRequire(import.meta.url).resolve('verdaccio');
    // Its own process group, so close() stops whatever verdaccio started too.
    const child = spawn(process.execPath, ['-e', SERVER_SCRIPT, main, configPath], {detached: true, stdio: ['ignore', 'pipe', 'pipe']});
    try {
      const port = await listeningPort(child);
      const url = `http://127.0.0.1:${port}/`;
      const userconfig = join(dir, 'npmrc');
      writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${await addUser(url, 'kopsx-e2e')}\n`, {mode: 0o600});
      return new Verdaccio(child, dir, url, userconfig);
    } catch (error) {
      await stopGroup(child);
      rmSync(dir, {recursive: true, force: true});
      throw error;
    }
  }

  /** `npm publish` of a package folder, as its owner would (its `files` decide what goes in). */
  async publish(packageDir: string, options: PublishOptions = {}): Promise<void> {
    const source = options.version === undefined ? packageDir : this.copyWithVersion(packageDir, options.version);
    const env = {PATH: process.env.PATH, HOME: this.dir, npm_config_cache: join(this.dir, 'npm-cache'), npm_config_update_notifier: 'false'};
    await run('npm', ['publish', source, '--registry', this.url, '--userconfig', this.userconfig], {cwd: this.dir, env, timeout: 60_000});
  }

  /** Writes a package folder (package.json plus files) in the registry's temp dir, for packages made up by a test. */
  writePackage(files: Readonly<Record<string, string>>): string {
    const folder = mkdtempSync(join(this.dir, 'package-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
    return folder;
  }

  async close(): Promise<void> {
    await stopGroup(this.child);
    rmSync(this.dir, {recursive: true, force: true});
  }

  /** The files a package would publish, with another version in its package.json. */
  private copyWithVersion(packageDir: string, version: string): string {
    const pjson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {files?: string[]};
    const copy = mkdtempSync(join(this.dir, 'package-'));
    for (const entry of pjson.files ?? []) {
      if (existsSync(join(packageDir, entry))) cpSync(join(packageDir, entry), join(copy, entry), {recursive: true});
    }
    writeFileSync(join(copy, 'package.json'), JSON.stringify({...pjson, version}, null, 2));
    return copy;
  }
}

/** Resolves with the port the child prints, or rejects with what it wrote to stderr. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`verdaccio did not start within 30 s:\n${stderr}`)), 30_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const port = /listening on (\d+)/.exec(stdout)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve(Number(port));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited with ${code}:\n${stderr}`));
    });
  });
}

/** Creates a registry user the way `npm adduser` does, returning its token. */
async function addUser(url: string, name: string): Promise<string> {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({name, password: `${name}-password`}),
  });
  const body = (await response.json()) as {token?: string};
  if (!response.ok || body.token === undefined) throw new Error(`verdaccio refused user ${name}: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}
