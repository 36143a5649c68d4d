#!/usr/bin/env node
// `npm run demo`: drives the built kopsx CLI the way a user would, against a throw-away local state store,
// printing each command and then its output. Exits non-zero as soon as a step fails.
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli/bin/run.js', import.meta.url));
const store = pathToFileURL(mkdtempSync(join(tmpdir(), 'kopsx-demo-'))).href;
const cluster = 'demo.k8s.local';
const env = {...process.env, KOPS_STATE_STORE: store, NO_COLOR: '1', npm_config_update_notifier: 'false'};
delete env.KOPS_CLUSTER_NAME;

const steps = [
  {
    say: 'Preview the spec without storing anything (first lines only)',
    args: ['create', 'cluster', '--name', cluster, '--cloud', 'aws', '--zones', 'us-east-1a,us-east-1b,us-east-1c',
      '--control-plane-count', '3', '--dry-run', '-o', 'yaml'],
    maxLines: 25,
  },
  {
    say: 'Store the cluster spec',
    args: ['create', 'cluster', '--name', cluster, '--cloud', 'aws', '--zones', 'us-east-1a,us-east-1b,us-east-1c',
      '--control-plane-count', '3'],
  },
  {say: 'List clusters', args: ['get', 'clusters']},
  {say: 'List its instance groups', args: ['get', 'ig', '--name', cluster]},
  {say: 'The stored Cluster document', args: ['get', 'cluster', cluster, '-o', 'yaml']},
];

console.log(`State store for this demo: ${store}\n(export KOPS_STATE_STORE=${store} to keep exploring it)\n`);
for (const [index, step] of steps.entries()) {
  console.log(`# ${index + 1}. ${step.say}`);
  console.log(`$ kopsx ${step.args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...step.args], {env, encoding: 'utf8'});
  const lines = result.stdout.trimEnd().split('\n');
  const shown = step.maxLines && lines.length > step.maxLines ? [...lines.slice(0, step.maxLines), `... (${lines.length - step.maxLines} more lines)`] : lines;
  console.log(shown.join('\n'));
  if (result.stderr.trim()) console.log(result.stderr.trimEnd());
  if (result.status !== 0) {
    console.error(`\ndemo failed: step ${index + 1} exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
  console.log();
}
console.log('Demo finished: the cluster spec is stored. Building it in a cloud (`kopsx update cluster`) comes with the cloud providers.');
