/**
 * Every kind of user-data we emit, checked by Debian's cloud-init itself (`cloud-init schema`), and every
 * bootstrap script checked by bash's parser. CI installs cloud-init with apt; without it the schema checks are
 * skipped, saying so.
 */
import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join as joinPath} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import {BOOTSTRAP_NETWORK_PLUGINS} from './network-plugin.js';
import {documentOf, fileAt, parseCloudConfig, testCaMaterial, testCluster, testJoinMaterial} from './testing/bootstrap-fixtures.js';
import {renderUserData} from './user-data.js';

const run = promisify(execFile);
const hasCloudInit = (() => {
  try {
    execFileSync('cloud-init', ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

const join = testJoinMaterial();
const caMaterial = testCaMaterial();
const dir = mkdtempSync(joinPath(tmpdir(), 'kopsx-user-data-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

interface Case {
  readonly name: string;
  readonly document: string;
}

/**
 * The groups of a cluster (all, or the first of each role), with the provider hooks set so that their parts of
 * the document are checked too.
 */
function clusterCases(options: Parameters<typeof testCluster>[0], {firstOfEachRole = false} = {}): Case[] {
  const bundle = testCluster(options);
  return bundle.instanceGroups
    .filter((ig, i, all) => !firstOfEachRole || all.findIndex((other) => other.spec.role === ig.spec.role) === i)
    .map((ig) => ({
      name: `${options.topology}, ${options.controlPlanes} control plane(s), ${options.networking ?? 'cilium'}: ${ig.metadata.name}`,
      document: documentOf(
        renderUserData({
          bundle,
          instanceGroup: ig.metadata.name,
          apiEndpoint: `api.internal.${bundle.cluster.metadata.name}`,
          join,
          caMaterial,
          preKubeadmCommands: ['iptables -I FORWARD -d 169.254.169.254/32 -j DROP'],
          etcdVolume: {discoverCommand: 'readlink -f /dev/disk/by-id/nvme-etcd'},
          externalCloudProvider: true,
        }),
      ),
    }));
}

const cases: Case[] = [
  ...(['public', 'private'] as const).flatMap((topology) =>
    ([1, 3] as const).flatMap((controlPlanes) => clusterCases({topology, controlPlanes})),
  ),
  // The default (cilium) is covered above.
  ...BOOTSTRAP_NETWORK_PLUGINS.filter((n) => n !== 'cilium').flatMap((networking) =>
    clusterCases({topology: 'public', controlPlanes: 1, networking}, {firstOfEachRole: true}),
  ),
];

describe.skipIf(!hasCloudInit)('cloud-init schema (skipped when cloud-init is not on PATH; CI installs it with apt)', () => {
  it.each(cases)('accepts $name', async ({name, document}) => {
    const file = joinPath(dir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.yaml`);
    writeFileSync(file, document);
    const {stdout} = await run('cloud-init', ['schema', '--config-file', file]);
    expect(stdout).toContain('Valid cloud-config');
  });
});

describe('bootstrap scripts', () => {
  it.each(cases.filter((c) => !c.name.endsWith('bastions')))('parse as bash: $name', async ({document}) => {
    const script = fileAt(parseCloudConfig(document), '/usr/local/sbin/kopsx-bootstrap')?.content ?? '';
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    await run('bash', ['-n', '-c', script]);
  });
});
