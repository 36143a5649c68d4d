/**
 * `update cluster --target terraform`: the cluster as Terraform JSON that the real AWS provider schema
 * accepts, written without a single call to the cloud.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {IPV4_ACCESS, startAwsWorld} from './support/aws-world.js';
import type {AwsWorld} from './support/aws-world.js';
import {AWS_PLUGIN_DIR, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';

/** Checks Terraform JSON against the provider schemas; it lives beside the repository, not in it. */
const TFCHECK = fileURLToPath(new URL('../../../shared/tools/tfcheck/check-tf-json.mjs', import.meta.url));
const NAME = 'tf.example.com';

let plugins: LinkedPlugins;
let world: AwsWorld;
let stdout: string;

beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
  world = await startAwsWorld(plugins);
  const shape = ['--zones', 'us-east-1a,us-east-1b', '--topology', 'private', '--bastion', '--dns-zone', 'example.com'];
  await world.user.ok(['create', 'cluster', NAME, '--cloud', 'aws', ...shape, ...IPV4_ACCESS]);
  stdout = await world.user.ok(['update', 'cluster', NAME, '--target', 'terraform', '--out', 'tf']);
});
afterAll(async () => {
  await world?.close();
  plugins?.remove();
});

const outPath = (...parts: string[]) => join(world.user.dir, 'tf', ...parts);

describe('update cluster --target terraform --out DIR', () => {
  it('says where it wrote which files', () => {
    expect(stdout).toContain(`Wrote Terraform for cluster "${NAME}" to ${outPath()} (no cloud resource was touched):`);
    expect(stdout).toMatch(/^ {2}kubernetes\.tf\.json$/m);
    for (const file of stdout.match(/^ {2}data\/\S+$/gm) ?? []) expect(statSync(outPath(file.trim())).isFile()).toBe(true);
  });

  it('writes kubernetes.tf.json that parses, references across resources, and passes the schema check', () => {
    const text = readFileSync(outPath('kubernetes.tf.json'), 'utf8');
    const document = JSON.parse(text) as {resource: Record<string, Record<string, unknown>>};
    expect(Object.keys(document.resource)).toEqual(expect.arrayContaining(['aws_vpc', 'aws_subnet', 'aws_autoscaling_group', 'aws_launch_template']));
    expect(text).toMatch(/\$\{aws_vpc\.[\w-]+\.id\}/);
    const check = spawnSync(process.execPath, [TFCHECK, outPath('kubernetes.tf.json')], {encoding: 'utf8'});
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it('keeps the files private: user-data carries bootstrap secrets', () => {
    expect(statSync(outPath('kubernetes.tf.json')).mode & 0o777).toBe(0o600);
  });

  it('made no call to the cloud', () => {
    expect(world.sim.requests()).toEqual([]);
    expect(world.sim.resources()).toEqual([]);
  });
});
