#!/usr/bin/env node
// `npm run demo`: a whole cluster lifecycle on the AWS wire simulator, driven through the built kopsx CLI the
// way a user would drive it, printing each command and then its output: create, build, validate, use with
// kubectl, delete. The simulator (with its simulated Kubernetes API) runs in this process; kopsx finds the AWS
// provider through `kopsx plugins link`, in a throw-away data directory, and keeps its state in a throw-away
// file:// store and its kubeconfig in a throw-away KUBECONFIG. Nothing reaches a real cloud. Exits non-zero as
// soon as a step fails.
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {startCloudSim} from '@kopsx/cloudsim';

const cli = fileURLToPath(new URL('../packages/cli/bin/run.js', import.meta.url));
const awsPlugin = fileURLToPath(new URL('../plugins/aws', import.meta.url));
const cluster = 'demo.k8s.local';

/** Runs `kopsx ARGS` (or another `program`): stdout is printed once it is done (cut to `maxLines`), stderr streams live (progress). */
function kopsx(env, args, {maxLines, program = 'kopsx'} = {}) {
  console.log(`$ ${program} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const [command, argv] = program === 'kopsx' ? [process.execPath, [cli, ...args]] : [program, args];
    const child = spawn(command, argv, {env, stdio: ['ignore', 'pipe', 'inherit']});
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const lines = stdout.trimEnd().split('\n');
      const cut = maxLines && lines.length > maxLines;
      if (stdout.trim()) console.log([...(cut ? lines.slice(0, maxLines) : lines), ...(cut ? [`... (${lines.length - maxLines} more lines)`] : [])].join('\n'));
      if (code === 0) resolve(stdout);
      else reject(new Error(`${program} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

/** Live resources the simulator holds for the cluster, by kind. */
function clusterResources(sim) {
  const counts = new Map();
  for (const r of sim.resources().filter((r) => r.tags.KubernetesCluster === cluster)) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return counts;
}

const steps = [
  {
    say: 'Store the cluster spec: gossip DNS (.k8s.local), three zones, the API and SSH open to one range only',
    args: ['create', 'cluster', cluster, '--cloud', 'aws', '--zones', 'us-east-1a,us-east-1b,us-east-1c', '--admin-access', '198.51.100.0/24'],
  },
  {say: 'Preview what the cloud needs (first lines only)', args: ['update', 'cluster', cluster], maxLines: 30},
  {say: 'Build it: progress goes to stderr; then the context is written into $KUBECONFIG', args: ['update', 'cluster', cluster, '--yes']},
  {say: 'Preview again: the cloud matches the spec', args: ['update', 'cluster', cluster]},
  {say: 'Which cloud providers this kopsx has', args: ['get', 'providers']},
  {say: 'The keys and secrets made at create (never their values without -o yaml --reveal)', args: ['get', 'secrets', '--name', cluster]},
  {say: 'Wait until the machines have booted and joined: exit 0 only when the cluster is valid', args: ['validate', 'cluster', cluster, '--wait', '5m', '--interval', '2s']},
  {say: 'An admin certificate for an hour, in the same context', args: ['export', 'kubecfg', cluster, '--admin=1h']},
  {say: 'kubectl reads the context kopsx wrote', program: 'kubectl', args: ['config', 'get-contexts'], expect: cluster},
  {say: 'and talks to the (simulated) cluster with it', program: 'kubectl', args: ['get', 'nodes'], expect: 'Ready'},
  {say: 'Preview deleting the cluster (first lines only)', args: ['delete', 'cluster', cluster], maxLines: 15},
  {say: 'Delete its cloud resources, then its state', args: ['delete', 'cluster', cluster, '--yes']},
];

const home = mkdtempSync(join(tmpdir(), 'kopsx-demo-'));
// A little latency per call, so that the progress of the apply can be seen.
const sim = await startCloudSim({config: {latencyMs: 40}, kubernetes: {nodeBootDelayMs: 2000}});
let failed = false;
try {
  for (const dir of ['home', 'data', 'config', 'cache', 'store']) mkdirSync(join(home, dir));
  // Only what the demo sets: no credentials, profile or endpoint of the user's own reaches kopsx.
  const env = {
    PATH: process.env.PATH,
    TERM: process.env.TERM,
    HOME: join(home, 'home'),
    KOPSX_DATA_DIR: join(home, 'data'),
    KOPSX_CONFIG_DIR: join(home, 'config'),
    KOPSX_CACHE_DIR: join(home, 'cache'),
    KOPS_STATE_STORE: pathToFileURL(join(home, 'store')).href,
    KUBECONFIG: join(home, 'kubeconfig'),
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    npm_config_update_notifier: 'false',
    ...sim.env,
  };
  console.log(`AWS simulator on ${sim.endpoint}; state store ${env.KOPS_STATE_STORE}\n`);
  console.log('# 0. Make the AWS provider available (a development link; users run `kopsx plugins install aws`)');
  await kopsx(env, ['plugins', 'link', awsPlugin, '--no-install']);
  console.log();

  for (const [index, step] of steps.entries()) {
    console.log(`# ${index + 1}. ${step.say}`);
    const stdout = await kopsx(env, step.args, step);
    if (step.expect && !stdout.includes(step.expect)) throw new Error(`expected "${step.expect}" in the output of ${step.args.join(' ')}`);
    if (step.args[0] === 'update' && step.args.includes('--yes')) {
      const held = [...clusterResources(sim)].map(([kind, count]) => `${kind} ${count}`).join(', ');
      console.log(`(the simulator now holds for ${cluster}: ${held})`);
    }
    console.log();
  }

  // Terminated instances leave the listing after a moment, as on AWS.
  for (let tries = 0; clusterResources(sim).size > 0 && tries < 60; tries++) await sleep(250);
  const left = clusterResources(sim);
  if (left.size > 0) throw new Error(`the simulator still holds resources of ${cluster}: ${[...left.keys()].join(', ')}`);
  console.log(`Demo finished: the simulator holds no resource of ${cluster}, and the state store no cluster.`);
} catch (error) {
  failed = true;
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await sim.close();
  rmSync(home, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
