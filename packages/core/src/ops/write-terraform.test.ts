import {randomUUID} from 'node:crypto';
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {buildCluster} from '../model/index.js';
import {ProviderRegistry} from '../provider/index.js';
import {ClusterRegistry, openStateStore} from '../state/index.js';
import {FakeProvider} from './testing/fake-provider.js';
import {writeTerraform} from './write-terraform.js';

const NAME = 'tf.k8s.local';
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})));
});

describe('writeTerraform', () => {
  it('writes kubernetes.tf.json and the data files, 0600, without connecting to the cloud', async () => {
    const store = await openStateStore(`memfs://ops-${randomUUID()}`);
    await new ClusterRegistry(store).create(buildCluster({name: NAME, cloud: 'fake', zones: ['fake-1a']}));
    const provider = new FakeProvider();
    const providers = new ProviderRegistry();
    providers.register(provider, {packageName: '@kopsx/plugin-fake', version: '1.0.0'});
    const outDir = join(await mkdtemp(join(tmpdir(), 'kopsx-tf-')), 'out');
    dirs.push(outDir);

    const {paths} = await writeTerraform({store, clusterName: NAME, providers, env: {}, outDir});

    expect(paths).toEqual([
      join(outDir, 'kubernetes.tf.json'),
      join(outDir, 'data/control-plane-fake-1a_user-data'),
      join(outDir, 'data/nodes-fake-1a_user-data'),
    ]);
    const document = JSON.parse(await readFile(paths[0] as string, 'utf8'));
    expect(document.resource.fake_group['nodes-fake-1a'].network).toBe('${fake_network.tf_k8s_local.id}');
    expect(Object.keys(document.resource.fake_network)).toEqual(['tf_k8s_local']);
    expect(await readFile(join(outDir, 'data/nodes-fake-1a_user-data'), 'utf8')).toBe('#cloud-config\n# nodes-fake-1a\n');
    for (const path of paths) expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(provider.connects).toBe(0);
  });
});
