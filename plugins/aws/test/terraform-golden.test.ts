/**
 * `update cluster --target terraform` for four cluster shapes, compared with golden files and checked against the
 * aws provider's schema. UPDATE_GOLDEN=1 writes the golden files from the current output instead (review the diff
 * before committing it).
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {TERRAFORM_FILE, buildCluster, completeCluster, renderTerraform} from '@kopsx/core';
import type {CreateClusterOptions} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {SSH_KEY, testInputs} from './model-inputs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tfcheck = path.resolve(here, '../../../..', 'shared/tools/tfcheck/check-tf-json.mjs');

const SHAPES: Readonly<Record<string, CreateClusterOptions>> = {
  'public-gossip': {name: 'pub.k8s.local', cloud: 'aws', zones: ['us-east-1a']},
  'private-dns-ha-bastion': {
    name: 'ha.example.com',
    cloud: 'aws',
    zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
    controlPlaneCount: 3,
    topology: 'private',
    bastion: true,
    networking: 'calico',
    dnsZone: 'example.com',
    adminAccess: ['203.0.113.0/24'],
  },
  'private-dns-zone': {name: 'p.example.com', cloud: 'aws', zones: ['eu-west-1a'], topology: 'private', dns: 'private', dnsZone: 'example.com'},
  'custom-image-two-zones': {name: 'img.example.com', cloud: 'aws', zones: ['us-east-1a', 'us-east-1b'], dnsZone: 'example.com', image: 'ami-0123456789abcdef0', nodeCount: 4},
};

function terraformFiles(options: CreateClusterOptions) {
  const model = provider.buildModel(completeCluster(buildCluster(options)), testInputs({sshPublicKey: SSH_KEY}));
  return renderTerraform({provider, model});
}

describe('Terraform output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kopsx-aws-golden-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it.each(Object.entries(SHAPES))('renders a %s cluster as its golden file, which passes the aws provider schema check', async (shape, options) => {
    const [main] = terraformFiles(options);
    expect(main?.path).toBe(TERRAFORM_FILE);
    const golden = path.join(here, 'golden', `${shape}.tf.json`);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, main?.content ?? '');
    expect(main?.content).toBe(await readFile(golden, 'utf8'));

    if (!existsSync(tfcheck)) return console.warn(`skipping the schema check: ${tfcheck} is absent`);
    const file = path.join(dir, `${shape}.tf.json`);
    await writeFile(file, main?.content ?? '');
    const result = await promisify(execFile)('node', [tfcheck, file]).catch((error: {stdout: string; stderr: string}) => error);
    expect(`${result.stdout}${result.stderr}`).toMatch(/^\d+ resources checked, 0 problems\n$/);
  });
});
