/**
 * `update cluster --target terraform` for two cluster shapes, compared with golden files and checked against the
 * google provider's schema. UPDATE_GOLDEN=1 writes the golden files from the current output instead (review the
 * diff before committing it).
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {TERRAFORM_FILE, renderTerraform as renderTerraformFiles} from '@kopsx/core';
import type {CreateClusterOptions} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {provider} from '../src/index.js';
import {completedGceCluster} from './cluster-store.js';
import {SSH_KEY, testInputs} from './model-inputs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const tfcheck = path.resolve(repoRoot, '..', 'shared/tools/tfcheck/check-tf-json.mjs');

const SHAPES: Readonly<Record<string, Partial<CreateClusterOptions> & {name: string}>> = {
  'public-gossip': {name: 'pub.k8s.local'},
  'private-dns-ha-bastion': {
    name: 'ha.example.com',
    zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
    controlPlaneCount: 3,
    topology: 'private',
    bastion: true,
    networking: 'calico',
    adminAccess: ['203.0.113.0/24'],
  },
};

type Document = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function terraformFiles(options: Partial<CreateClusterOptions> & {name: string}) {
  const model = provider.buildModel(completedGceCluster(options), testInputs({sshPublicKey: SSH_KEY}));
  return renderTerraformFiles({provider, model});
}

describe('Terraform output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kopsx-gce-tf-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it.each(Object.entries(SHAPES))('renders a %s cluster as its golden file, which passes the google provider schema check', async (shape, options) => {
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

  it('refers to other blocks instead of literal links, and every reference resolves', () => {
    const [main, ...data] = terraformFiles(SHAPES['private-dns-ha-bastion'] ?? {name: ''});
    const document = JSON.parse(main?.content ?? '{}') as Document;
    const text = main?.content ?? '';
    const addresses = [...text.matchAll(/(data\.)?(google_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+/g)];
    expect(addresses.length).toBeGreaterThan(40);
    for (const [expression, isData, type = '', name = ''] of addresses) {
      expect(document[isData ? 'data' : 'resource']?.[type]?.[name], expression).toBeDefined();
    }
    // Each template's user-data is a data file written beside it, read with file().
    const templates = Object.values(document.resource?.google_compute_instance_template ?? {});
    expect(templates.length).toBe(7);
    for (const template of templates) {
      const userData = (template.metadata as Record<string, string>)['user-data'] ?? '';
      const file = /file\("\$\{path\.module\}\/([^"]+)"\)/.exec(userData)?.[1];
      expect(data.map((f) => f.path)).toContain(file);
    }
  });

  it('has Terraform put the load balancer\'s address into a gossip cluster\'s user-data', () => {
    const [main] = terraformFiles(SHAPES['public-gossip'] ?? {name: ''});
    const document = JSON.parse(main?.content ?? '{}') as Document;
    const [template] = Object.values(document.resource?.google_compute_instance_template ?? {});
    expect((template?.metadata as Record<string, string>)['user-data']).toMatch(
      /^\$\{replace\(file\("\$\{path\.module\}\/data\/[^"]+"\), "@@KOPSX_REFERENCE_0@@", google_compute_address\.api-pub-k8s-local-[a-z0-9]{4}\.address\)\}$/,
    );
    expect(document.resource?.google_dns_record_set).toBeUndefined();
    expect(document.data).toBeUndefined();
  });
});
