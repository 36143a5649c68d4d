import {execFile, execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join as joinPath} from 'node:path';
import {promisify} from 'node:util';
import {ClusterRegistry, ProviderRegistry, buildCluster, fitUserData, isJoin, isRef, loadClusterModel, openStateStore} from '@kopsx/core';
import type {CreateClusterOptions, DesiredResource, PropertyValue} from '@kopsx/core';
import {afterAll, describe, expect, it} from 'vitest';
import {provider} from '../index.js';
import {USER_DATA_LIMIT_BYTES} from './user-data.js';

const run = promisify(execFile);
const hasCloudInit = (() => {
  try {
    execFileSync('cloud-init', ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(joinPath(tmpdir(), 'kopsx-aws-etcd-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The model as `update cluster` builds it: user-data rendered by core's bootstrap from a real keystore. */
async function modelOf(options: Partial<CreateClusterOptions> & {name: string}): Promise<readonly DesiredResource[]> {
  const store = await openStateStore(`memfs://aws-etcd-${randomUUID()}`);
  await new ClusterRegistry(store).create(buildCluster({cloud: 'aws', zones: ['us-east-1a'], ...options}));
  const providers = new ProviderRegistry();
  providers.register(provider, {packageName: '@kopsx/plugin-aws', version: 'test'});
  const {model} = await loadClusterModel({store, clusterName: options.name, providers, env: {}});
  return model.resources;
}

/** A launch template's user-data as text, with any apply-time reference (gossip clusters) filled in. */
function userDataOf(resources: readonly DesiredResource[], group: string): string {
  const template = resources.find((r) => r.kind === 'launch-template' && r.name.startsWith(`${group}.`));
  const userData: PropertyValue | undefined = template?.properties.userData;
  if (typeof userData === 'string') return userData;
  if (userData !== undefined && isJoin(userData)) return userData.$join.map((part) => (isRef(part) ? 'api.elb.example.com' : part)).join('');
  throw new Error(`no user-data for instance group ${group}`);
}

/** The bootstrap script: the block scalar written to /usr/local/sbin/kopsx-bootstrap, dedented. */
function bootstrapScriptOf(userData: string): string {
  const lines = userData.split('\n');
  const pathLine = lines.findIndex((line) => line.trim() === '- path: /usr/local/sbin/kopsx-bootstrap');
  const contentLine = lines.findIndex((line, i) => i > pathLine && /^\s+content: \|/.test(line));
  const body = lines.slice(contentLine + 1);
  const indent = /^\s*/.exec(body[0] ?? '')?.[0].length ?? 0;
  const end = body.findIndex((line) => line.trim() !== '' && line.length - line.trimStart().length < indent);
  return body.slice(0, end < 0 ? undefined : end).map((line) => line.slice(indent)).join('\n');
}

function attachScriptOf(bootstrapScript: string): string | undefined {
  // The attach script starts on a new line; the boto3 check before it is a one-liner.
  return /python3 -c '(\n[^']*)'/.exec(bootstrapScript)?.[1];
}

const ha = await modelOf({
  name: 'ha.example.com',
  zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  controlPlaneCount: 3,
  topology: 'private',
  bastion: true,
  dnsZone: 'example.com',
});
const gossip = await modelOf({name: 'g.k8s.local'});
const controlPlanes = [
  {name: 'ha.example.com: control-plane-us-east-1b', userData: userDataOf(ha, 'control-plane-us-east-1b'), cluster: 'ha.example.com', member: 'b/a,b,c'},
  {name: 'g.k8s.local: control-plane-us-east-1a', userData: userDataOf(gossip, 'control-plane-us-east-1a'), cluster: 'g.k8s.local', member: 'a/a'},
];

describe('etcd volume attachment', () => {
  it.each(controlPlanes)('has $name attach its main etcd volume, then mount it for etcd', ({userData, cluster, member}) => {
    const script = bootstrapScriptOf(userData);
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    const tags = `KubernetesCluster=${cluster} kopsx.k8s.io/kind=ebs-volume k8s.io/etcd/main=${member}`;
    expect(script).toContain(`' us-east-1 /dev/xvdu ${tags})`);
    expect(script).toContain('apt-get -q -y -o DPkg::Lock::Timeout=600 install python3-boto3');
    // Mounted before kubeadm runs, and etcd's data directory is on it.
    expect(script.indexOf('mount /mnt/etcd')).toBeGreaterThan(script.indexOf('python3 -c'));
    expect(script.indexOf('mount /mnt/etcd')).toBeLessThan(script.indexOf('kubeadm join'));
  });

  it('has the control plane that creates the cluster keep etcd\'s data on the volume', () => {
    expect(userDataOf(ha, 'control-plane-us-east-1a')).toMatch(/etcd:\n\s+local:\n\s+dataDir: \/mnt\/etcd\/data\n/);
  });

  it('leaves nodes and bastions without it', () => {
    for (const group of ['nodes-us-east-1a', 'bastions']) {
      const userData = userDataOf(ha, group);
      expect(userData).not.toContain('python3');
      expect(userData).not.toContain('/mnt/etcd');
    }
  });

  it.each(controlPlanes)('gives $name a bootstrap script bash parses, and Python that compiles', async ({name, userData}) => {
    const script = bootstrapScriptOf(userData);
    await run('bash', ['-n', '-c', script]);
    const python = attachScriptOf(script);
    expect(python).toContain('ec2.attach_volume(');
    const file = joinPath(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.py`);
    writeFileSync(file, python ?? '');
    await run('python3', ['-m', 'py_compile', file]);
  });

  it.each(controlPlanes)('keeps the user-data of $name within EC2\'s limit once gzipped', ({userData}) => {
    expect(fitUserData(userData, {instanceGroup: 'cp', maxBytes: USER_DATA_LIMIT_BYTES}).bytes).toBeLessThanOrEqual(USER_DATA_LIMIT_BYTES);
  });

  it('lets control planes find and attach only the cluster\'s own volumes', () => {
    const policy = ha.find((r) => r.kind === 'iam-role-policy' && r.name.startsWith('control-plane'))?.properties.policyDocument;
    const {Statement} = JSON.parse(String(policy)) as {Statement: {Action: string | string[]; Condition?: unknown}[]};
    const allowing = (action: string) => Statement.filter((s) => [s.Action].flat().includes(action));
    // EC2 cannot restrict Describe calls by resource or tag.
    expect(allowing('ec2:DescribeVolumes').map((s) => s.Condition)).toEqual([undefined]);
    expect(allowing('ec2:AttachVolume').map((s) => s.Condition)).toEqual([
      {StringEquals: {'aws:ResourceTag/KubernetesCluster': 'ha.example.com'}},
    ]);
  });
});

describe.skipIf(!hasCloudInit)('cloud-init schema (skipped when cloud-init is not on PATH)', () => {
  it.each(controlPlanes)('accepts the user-data of $name', async ({name, userData}) => {
    const file = joinPath(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    writeFileSync(file, userData);
    const {stdout} = await run('cloud-init', ['schema', '--config-file', file]);
    expect(stdout).toContain('Valid cloud-config');
  });
});
