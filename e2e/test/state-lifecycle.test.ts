/**
 * The "done when" scenario of the state verbs: a kOps user's first session with kopsx, on each kind of
 * state store — preview, store, list, edit, replace and delete a cluster spec.
 */
import {parseManifests, validateBundle} from '@kopsx/core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AWS_PLUGIN_DIR, fixtureEditor, KopsxUser, linkPlugins} from './support/kopsx.js';
import type {LinkedPlugins} from './support/kopsx.js';
import {cloudSimStore, fileStore, s3rverStore} from './support/state-stores.js';
import type {TestStore} from './support/state-stores.js';

const NAME = 'demo.k8s.local';
const ZONES = 'us-east-1a,us-east-1b,us-east-1c';
const CREATE = ['create', 'cluster', '--name', NAME, '--cloud', 'aws', '--zones', ZONES, '--control-plane-count', '3'];

// `create cluster --cloud aws` needs the AWS provider; these tests never go past the state store.
let plugins: LinkedPlugins;
beforeAll(async () => {
  plugins = await linkPlugins(AWS_PLUGIN_DIR);
});
afterAll(() => plugins?.remove());

describe('create cluster --dry-run -o yaml', () => {
  it('prints a complete, valid manifest that the model reads back', async () => {
    const store = fileStore();
    const user = new KopsxUser(store.env, {dataDir: plugins.dataDir});
    try {
      const yaml = await user.ok([...CREATE, '--dry-run', '-o', 'yaml']);
      const parsed = parseManifests(yaml, 'dry-run output');
      expect(parsed.clusters).toHaveLength(1);
      const bundle = {cluster: parsed.clusters[0]!, instanceGroups: parsed.instanceGroups};
      expect(validateBundle(bundle).problems).toEqual([]);
      const controlPlanes = parsed.instanceGroups.filter((ig) => ig.spec.role === 'ControlPlane');
      expect(controlPlanes).toHaveLength(3);
      const main = bundle.cluster.spec.etcdClusters.find((etcd) => etcd.name === 'main');
      expect(main?.etcdMembers).toHaveLength(3);
    } finally {
      user.remove();
      await store.close();
    }
  });
});

const backends: Array<[string, () => TestStore | Promise<TestStore>]> = [
  ['file://', fileStore],
  ['s3:// (s3rver)', s3rverStore],
  ['gs:// (cloudsim)', () => cloudSimStore('gs')],
];

describe.each(backends)('state lifecycle on %s', (_label, openStore) => {
  let store: TestStore;
  let user: KopsxUser;

  beforeAll(async () => {
    store = await openStore();
    user = new KopsxUser(store.env, {dataDir: plugins.dataDir});
  });
  afterAll(async () => {
    user?.remove();
    await store?.close();
  });

  it('create cluster stores the spec under the store URL', async () => {
    const out = await user.ok(CREATE);
    expect(out).toContain(`Created cluster "${NAME}" in ${store.url}`);
    const cluster = parseManifests(await user.ok(['get', 'cluster', NAME, '-o', 'yaml'])).clusters[0];
    expect(cluster?.spec.configBase).toBe(`${store.url}/${NAME}`);
  });

  it('get clusters and get ig list what was stored', async () => {
    const row = (await user.ok(['get', 'clusters'])).split('\n').find((line) => line.startsWith(NAME));
    expect(row?.split(/\s+/)).toEqual([NAME, 'aws', ZONES]);
    const groups = await user.ok(['get', 'ig', '--name', NAME]);
    expect(groups.match(/\sControlPlane\s/g)).toHaveLength(3);
    expect(groups).toMatch(/^nodes-us-east-1a\s+Node\s/m);
  });

  it('edit ig changes one field through $EDITOR', async () => {
    const editor = fixtureEditor('set-field.mjs', 'maxSize', '6');
    const out = await user.ok(['edit', 'ig', 'nodes-us-east-1a', '--name', NAME], {env: {EDITOR: editor}});
    expect(out).toContain('edited');
    const ig = parseManifests(await user.ok(['get', 'ig', 'nodes-us-east-1a', '--name', NAME, '-o', 'yaml'])).instanceGroups[0];
    expect(ig?.spec.maxSize).toBe(6);
  });

  it('get all -o yaml, changed by hand, goes back with replace -f', async () => {
    const yaml = await user.ok(['get', 'all', '--name', NAME, '-o', 'yaml']);
    user.write('demo.yaml', yaml.replace(/kubernetesVersion: .*/, 'kubernetesVersion: 1.31.9'));
    expect(await user.ok(['replace', '-f', 'demo.yaml'])).toContain(`cluster "${NAME}" replaced`);
    const after = parseManifests(await user.ok(['get', 'all', '--name', NAME, '-o', 'yaml']));
    expect(after.clusters[0]?.spec.kubernetesVersion).toBe('1.31.9');
    expect(after.instanceGroups.find((ig) => ig.metadata.name === 'nodes-us-east-1a')?.spec.maxSize).toBe(6);
  });

  it('delete cluster --unregister previews, then removes the state with --yes', async () => {
    expect(await user.ok(['delete', 'cluster', NAME, '--unregister'])).toContain('would be removed from the state store');
    expect(await user.ok(['get', 'clusters'])).toContain(NAME);
    expect(await user.ok(['delete', 'cluster', NAME, '--unregister', '--yes'])).toContain(`Cluster "${NAME}" removed`);
    const listed = await user.run(['get', 'clusters']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('No clusters found');
    expect((await user.run(['get', 'cluster', NAME])).stderr).toContain(`cluster "${NAME}" not found`);
  });
});
